// The 403 page of a page that needs a role (a segment's forbidden.tsx, reached through requireRole):
// whose page it is and what the viewer may not do, in the words of the one authorisation rule.
// Visitors never see it: they are sent to sign in first.
import Link from "next/link";
import { roleNeeded, type Action } from "@/lib/auth/authorize";

export function AccessRefused({ action }: { action: Action }) {
  const { who, refusal } = roleNeeded(action);
  return (
    <section className="card card--narrow" aria-labelledby="access-refused-heading">
      <h1 id="access-refused-heading">This page is for {who}</h1>
      <p className="card__lede">{refusal} If you need it, ask one of the board’s administrators.</p>
      <p>
        <Link href="/">Back to the board</Link>
      </p>
    </section>
  );
}
