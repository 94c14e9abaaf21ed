"use client";
// The account corner of the members' shared board copy (app/cached-board/members): the page is the same
// for every member, so it starts with the menu every member has and fills in the name and the role's
// tools from GET /api/account once loaded. A session that ended meanwhile gets the visitor's menu.
import { useEffect, useState } from "react";
import { MemberAccountMenu, VisitorAccountMenu } from "@/app/_components/account-menu-views";
import type { AccountSummary } from "@/lib/auth/account-summary";

export function FetchedAccountMenu() {
  const [account, setAccount] = useState<AccountSummary | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    fetch("/api/account", { signal: controller.signal, cache: "no-store" })
      .then(async (response) => (response.ok ? setAccount((await response.json()) as AccountSummary) : undefined))
      // Offline or aborted: the menu every member has still works.
      .catch(() => undefined);
    return () => controller.abort();
  }, []);
  if (account && !account.signedIn) return <VisitorAccountMenu />;
  return <MemberAccountMenu member={account} />;
}
