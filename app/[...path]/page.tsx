// Any address no page answers: the not-found page inside the site's frame, so the header (and the
// account menu, the `@account` slot's page for the same address) is there as on every other page.
import { notFound } from "next/navigation";

export default function UnknownAddress(): never {
  notFound();
}
