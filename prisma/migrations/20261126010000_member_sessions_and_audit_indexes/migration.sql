-- AlterTable
ALTER TABLE "Member" ADD COLUMN "sessionsEndedAt" DATETIME;

-- CreateIndex
CREATE INDEX "AuditEntry_action_id_idx" ON "AuditEntry"("action", "id");

-- CreateIndex
CREATE INDEX "AuditEntry_actorId_id_idx" ON "AuditEntry"("actorId", "id");
