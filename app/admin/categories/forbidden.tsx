// What a signed-in member who is not an administrator gets at /admin/categories, with HTTP 403.
import { AccessRefused } from "@/app/_components/access-refused";

export default function CategoriesForbidden() {
  return <AccessRefused action="categories.manage" />;
}
