-- CreateTable
CREATE TABLE "WorkerLease" (
    "id" INTEGER NOT NULL PRIMARY KEY DEFAULT 1,
    "holderId" TEXT NOT NULL,
    "holderName" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "acquiredAt" DATETIME NOT NULL
);
