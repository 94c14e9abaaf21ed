// Signing in with email and password. `?next=` (a path on this site only) is where to go afterwards.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/app/sign-in/sign-in-form";
import { getViewer } from "@/lib/auth/current-viewer";
import { safeReturnPath } from "@/lib/auth/return-path";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const next = safeReturnPath((await searchParams).next);
  if ((await getViewer()).kind === "member") redirect(next);
  return (
    <section className="card card--narrow" aria-labelledby="sign-in-heading">
      <h1 id="sign-in-heading">Sign in</h1>
      <p className="card__lede">Welcome back. Sign in to post, link your Jabber ID and see members-only presence.</p>
      <SignInForm next={next} />
    </section>
  );
}
