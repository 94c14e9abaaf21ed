-- AlterTable
ALTER TABLE "WorkerState" ADD COLUMN "blockingSupported" BOOLEAN;

-- CreateTable
CREATE TABLE "BlockedJid" (
    "jid" TEXT NOT NULL PRIMARY KEY,
    "blockedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
