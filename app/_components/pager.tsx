// The links between the pages of a list (the board, a thread's replies, the console's lists): back
// toward its start and on to the next page, each only when there is one; nothing at all on a single page.
import Link from "next/link";

type PageLink = { href: string; text: string };

export function Pager({ label, back, next, backRel }: { label: string; back: PageLink | null; next: PageLink | null; backRel?: "prev" }) {
  if (!back && !next) return null;
  return (
    <nav className="pager" aria-label={label}>
      {back ? (
        <Link href={back.href} rel={backRel}>
          {back.text}
        </Link>
      ) : null}
      {next ? (
        <Link href={next.href} rel="next">
          {next.text}
        </Link>
      ) : null}
    </nav>
  );
}
