-- AlterTable
ALTER TABLE "WorkerState" ADD COLUMN "xmppDownSince" DATETIME;
