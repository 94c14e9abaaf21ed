-- CreateIndex
CREATE INDEX "Post_pinnedAt_lastActivityAt_id_idx" ON "Post"("pinnedAt", "lastActivityAt", "id");
