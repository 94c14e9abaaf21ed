// Writing a new post. Visitors are sent to sign in first and come back here.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PostForm } from "@/app/posts/_components/post-form";
import { getViewer } from "@/lib/auth/current-viewer";
import { listOpenCategories } from "@/lib/board/list-categories";
import { getDb } from "@/lib/db/client";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New post" };

export default async function NewPostPage() {
  if ((await getViewer()).kind !== "member") redirect(`/sign-in?next=${encodeURIComponent("/posts/new")}`);
  const categories = await listOpenCategories(getDb());
  return (
    <section className="card" aria-labelledby="new-post-heading">
      <h1 id="new-post-heading">New post</h1>
      {categories.length === 0 ? (
        <div className="empty-state">
          <p className="empty-state__title">There are no categories yet</p>
          <p>An administrator needs to add one before anyone can post.</p>
        </div>
      ) : (
        <>
          <p className="card__lede">Share news, a prayer request or an event with the community.</p>
          <PostForm categories={categories} />
        </>
      )}
    </section>
  );
}
