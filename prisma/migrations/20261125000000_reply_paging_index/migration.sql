-- DropIndex
DROP INDEX "Reply_postId_createdAt_idx";

-- CreateIndex
CREATE INDEX "Reply_postId_createdAt_id_idx" ON "Reply"("postId", "createdAt", "id");
