// Editing one's own reply; anyone else sees "not found". lib/board/edit-reply enforces it again.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { ReplyForm } from "@/app/posts/_components/reply-form";
import { getViewer } from "@/lib/auth/current-viewer";
import { loadOwnReply } from "@/lib/board/load-post";
import { getDb } from "@/lib/db/client";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Edit reply" };

export default async function EditReplyPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await getViewer();
  if (viewer.kind !== "member") redirect(`/sign-in?next=${encodeURIComponent(`/replies/${id}/edit`)}`);
  const reply = await loadOwnReply(getDb(), viewer, id);
  if (!reply) notFound();
  return (
    <section className="card" aria-labelledby="edit-heading">
      <h1 id="edit-heading">Edit reply</h1>
      <p className="card__lede">
        On <Link href={`/posts/${reply.postId}`}>{reply.postTitle}</Link>
      </p>
      <ReplyForm reply={{ id: reply.id, body: reply.body }} />
    </section>
  );
}
