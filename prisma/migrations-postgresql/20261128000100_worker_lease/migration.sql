-- As prisma/migrations/20261128000000_worker_lease.

-- CreateTable
CREATE TABLE "WorkerLease" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "holderId" TEXT NOT NULL,
    "holderName" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "acquiredAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WorkerLease_pkey" PRIMARY KEY ("id")
);
