// Editing one's own post. Anyone else (or a visitor) sees "not found" here; the rule itself is
// enforced again by lib/board/edit-post when the form is sent.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { PostForm } from "@/app/posts/_components/post-form";
import { getViewer } from "@/lib/auth/current-viewer";
import { listOpenCategories } from "@/lib/board/list-categories";
import { loadPost } from "@/lib/board/load-post";
import { getDb } from "@/lib/db/client";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Edit post" };

export default async function EditPostPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await getViewer();
  if (viewer.kind !== "member") redirect(`/sign-in?next=${encodeURIComponent(`/posts/${id}/edit`)}`);
  const db = getDb();
  const post = await loadPost(db, viewer, id);
  if (!post || !post.mine) notFound();
  const categories = await listOpenCategories(db);
  // A post in an archived category can stay there.
  const choices = categories.some((category) => category.id === post.category.id) ? categories : [...categories, { id: post.category.id, name: post.category.name }];
  return (
    <section className="card" aria-labelledby="edit-heading">
      <h1 id="edit-heading">Edit post</h1>
      <p className="card__lede">
        <Link href={`/posts/${post.id}`}>Back to the post</Link>
      </p>
      <PostForm categories={choices} post={{ id: post.id, categoryId: post.category.id, title: post.title, body: post.body }} />
    </section>
  );
}
