// Joining the community: name, email and password; signed in straight after.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignUpForm } from "@/app/sign-up/sign-up-form";
import { getViewer } from "@/lib/auth/current-viewer";
import { safeReturnPath } from "@/lib/auth/return-path";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Join" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SignUpPage({ searchParams }: { searchParams: SearchParams }) {
  const next = safeReturnPath((await searchParams).next);
  if ((await getViewer()).kind === "member") redirect(next);
  return (
    <section className="card card--narrow" aria-labelledby="sign-up-heading">
      <h1 id="sign-up-heading">Join Narthex</h1>
      <p className="card__lede">Members post on the board, link their Jabber ID and choose who sees when they are online.</p>
      <SignUpForm next={next} />
    </section>
  );
}
