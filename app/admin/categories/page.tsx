// Administrators manage the board's categories: add, rename, reorder, archive and unarchive. Visitors
// are sent to sign in; other members get HTTP 403 and forbidden.tsx (see requireRole).
import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { AddCategoryForm, CategoryRow } from "@/app/admin/categories/_components/category-forms";
import { getViewer } from "@/lib/auth/current-viewer";
import { requireRole } from "@/lib/auth/require-role";
import { listCategoriesToManage } from "@/lib/board/manage-categories";
import { getDb } from "@/lib/db/client";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Categories" };

const PATH = "/admin/categories";

export default async function CategoriesAdminPage() {
  const viewer = requireRole(await getViewer(), "categories.manage", PATH);
  const listed = await listCategoriesToManage(getDb(), viewer);
  if (!listed.ok) forbidden();
  const categories = listed.value;
  return (
    <div className="category-admin">
      <section className="card" aria-labelledby="categories-heading">
        <h1 id="categories-heading">Categories</h1>
        <p className="card__lede">
          New posts go in one of these, offered in this order. Archived categories are not offered for new posts; their posts stay on
          the board.
        </p>
        <AddCategoryForm />
      </section>
      {categories.length === 0 ? (
        <div className="empty-state">
          <p className="empty-state__title">There are no categories yet</p>
          <p>Add one above so members can start posting.</p>
        </div>
      ) : (
        <ol className="category-admin__list" aria-label="Categories in order">
          {categories.map((category, index) => (
            <CategoryRow key={category.id} category={category} last={index === categories.length - 1} />
          ))}
        </ol>
      )}
    </div>
  );
}
