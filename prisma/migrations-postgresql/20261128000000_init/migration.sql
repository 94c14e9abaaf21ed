-- The whole of prisma/schema.prisma as of prisma/migrations/20261127000000_worker_xmpp_down_since,
-- in PostgreSQL (Prisma's own DDL for this provider). Later schema changes add a migration here
-- beside the SQLite one; lib/db/schema-matches-migrations.integration.test.ts checks both.

-- CreateEnum
CREATE TYPE "MemberRole" AS ENUM ('member', 'moderator', 'admin');

-- CreateEnum
CREATE TYPE "PresenceVisibility" AS ENUM ('public', 'members', 'hidden');

-- CreateEnum
CREATE TYPE "PresenceState" AS ENUM ('chat', 'available', 'away', 'xa', 'dnd', 'offline', 'unknown');

-- CreateEnum
CREATE TYPE "Subscription" AS ENUM ('none', 'to', 'from', 'both');

-- CreateEnum
CREATE TYPE "CommandStatus" AS ENUM ('pending', 'running', 'done', 'failed');

-- CreateEnum
CREATE TYPE "XmppStatus" AS ENUM ('connecting', 'online', 'offline', 'conflict', 'stopped');

-- CreateTable
CREATE TABLE "Member" (
    "id" TEXT NOT NULL,
    "handle" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "email" TEXT,
    "passwordHash" TEXT,
    "role" "MemberRole" NOT NULL DEFAULT 'member',
    "suspendedAt" TIMESTAMP(3),
    "sessionsEndedAt" TIMESTAMP(3),
    "presenceVisibility" "PresenceVisibility" NOT NULL DEFAULT 'members',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Member_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JabberLink" (
    "id" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "jid" TEXT NOT NULL,
    "verifiedAt" TIMESTAMP(3),
    "codeHash" TEXT,
    "codeExpiresAt" TIMESTAMP(3),
    "codeAttempts" INTEGER NOT NULL DEFAULT 0,
    "codeSentAt" TIMESTAMP(3),
    "failureReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "JabberLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Presence" (
    "bareJid" TEXT NOT NULL,
    "state" "PresenceState" NOT NULL DEFAULT 'unknown',
    "statusText" TEXT,
    "resourceCount" INTEGER NOT NULL DEFAULT 0,
    "priority" INTEGER,
    "idleSince" TIMESTAMP(3),
    "since" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Presence_pkey" PRIMARY KEY ("bareJid")
);

-- CreateTable
CREATE TABLE "PresenceEvent" (
    "id" SERIAL NOT NULL,
    "bareJid" TEXT NOT NULL,
    "fromState" "PresenceState" NOT NULL,
    "toState" "PresenceState" NOT NULL,
    "statusText" TEXT,
    "resourceCount" INTEGER NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PresenceEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RosterItem" (
    "jid" TEXT NOT NULL,
    "name" TEXT,
    "groups" TEXT NOT NULL DEFAULT '[]',
    "subscription" "Subscription" NOT NULL DEFAULT 'none',
    "pendingOut" BOOLEAN NOT NULL DEFAULT false,
    "pendingIn" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RosterItem_pkey" PRIMARY KEY ("jid")
);

-- CreateTable
CREATE TABLE "SubscriptionRequest" (
    "jid" TEXT NOT NULL,
    "firstAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SubscriptionRequest_pkey" PRIMARY KEY ("jid")
);

-- CreateTable
CREATE TABLE "Command" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" "CommandStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "requestedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "Command_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkerState" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "xmppStatus" "XmppStatus" NOT NULL DEFAULT 'stopped',
    "detail" TEXT,
    "heartbeatAt" TIMESTAMP(3) NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "xmppDownSince" TIMESTAMP(3),
    "blockingSupported" BOOLEAN,

    CONSTRAINT "WorkerState_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BlockedJid" (
    "jid" TEXT NOT NULL,
    "blockedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BlockedJid_pkey" PRIMARY KEY ("jid")
);

-- CreateTable
CREATE TABLE "Category" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "archivedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Category_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Post" (
    "id" TEXT NOT NULL,
    "categoryId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "replyCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "editedAt" TIMESTAMP(3),
    "lastActivityAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "pinnedAt" TIMESTAMP(3),
    "lockedAt" TIMESTAMP(3),
    "hiddenAt" TIMESTAMP(3),
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "Post_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Reply" (
    "id" TEXT NOT NULL,
    "postId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "editedAt" TIMESTAMP(3),
    "hiddenAt" TIMESTAMP(3),
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "Reply_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" SERIAL NOT NULL,
    "actorId" TEXT,
    "action" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "before" TEXT,
    "after" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "Member_handle_key" ON "Member"("handle");

-- CreateIndex
CREATE UNIQUE INDEX "Member_email_key" ON "Member"("email");

-- CreateIndex
CREATE UNIQUE INDEX "JabberLink_jid_key" ON "JabberLink"("jid");

-- CreateIndex
CREATE INDEX "JabberLink_memberId_idx" ON "JabberLink"("memberId");

-- CreateIndex
CREATE INDEX "PresenceEvent_bareJid_occurredAt_idx" ON "PresenceEvent"("bareJid", "occurredAt");

-- CreateIndex
CREATE INDEX "PresenceEvent_occurredAt_idx" ON "PresenceEvent"("occurredAt");

-- CreateIndex
CREATE INDEX "Command_status_id_idx" ON "Command"("status", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Category_slug_key" ON "Category"("slug");

-- CreateIndex
CREATE INDEX "Post_lastActivityAt_idx" ON "Post"("lastActivityAt");

-- CreateIndex
-- NULLS FIRST (not Prisma's default): read backwards, the board's order is pinnedAt DESC NULLS LAST,
-- as SQLite's index gives it (SQLite sorts NULL below every value; PostgreSQL above, by default).
CREATE INDEX "Post_pinnedAt_lastActivityAt_id_idx" ON "Post"("pinnedAt" NULLS FIRST, "lastActivityAt", "id");

-- CreateIndex
CREATE INDEX "Post_createdAt_id_idx" ON "Post"("createdAt", "id");

-- CreateIndex
CREATE INDEX "Post_categoryId_lastActivityAt_idx" ON "Post"("categoryId", "lastActivityAt");

-- CreateIndex
CREATE INDEX "Post_authorId_idx" ON "Post"("authorId");

-- CreateIndex
CREATE INDEX "Reply_postId_createdAt_id_idx" ON "Reply"("postId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Reply_authorId_idx" ON "Reply"("authorId");

-- CreateIndex
CREATE INDEX "AuditEntry_createdAt_idx" ON "AuditEntry"("createdAt");

-- CreateIndex
CREATE INDEX "AuditEntry_targetType_targetId_idx" ON "AuditEntry"("targetType", "targetId");

-- CreateIndex
CREATE INDEX "AuditEntry_action_id_idx" ON "AuditEntry"("action", "id");

-- CreateIndex
CREATE INDEX "AuditEntry_actorId_id_idx" ON "AuditEntry"("actorId", "id");

-- AddForeignKey
ALTER TABLE "JabberLink" ADD CONSTRAINT "JabberLink_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Command" ADD CONSTRAINT "Command_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "Member"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Post" ADD CONSTRAINT "Post_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "Category"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Post" ADD CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reply" ADD CONSTRAINT "Reply_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reply" ADD CONSTRAINT "Reply_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEntry" ADD CONSTRAINT "AuditEntry_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "Member"("id") ON DELETE SET NULL ON UPDATE CASCADE;
