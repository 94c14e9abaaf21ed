// The bot's blocklist (XEP-0191): whether its XMPP server supports blocking, in words; the addresses
// blocked as the server confirmed them, each with Unblock; and a form to block a Jabber ID or a whole
// server. A server without blocking gets a plain sentence and no block buttons (the lib refuses too).
import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { BlockForm } from "@/app/moderation/blocks/_components/block-form";
import { BlockedList } from "@/app/moderation/blocks/_components/blocked-list";
import { getViewer } from "@/lib/auth/current-viewer";
import { requireRole } from "@/lib/auth/require-role";
import { getDb } from "@/lib/db/client";
import { loadBlocklist, type BlockingSupport } from "@/lib/moderation/load-blocklist";

export const metadata: Metadata = { title: "Blocked · Moderation" };

const PATH = "/moderation/blocks";

const SUPPORT_IN_WORDS: Record<BlockingSupport, string> = {
  supported:
    "The bot's XMPP server supports blocking. A blocked address can no longer send the bot messages, presence or subscription requests, and is not told it was blocked.",
  unsupported:
    "The bot's XMPP server does not support blocking, so nobody can be blocked from here. Its operator can turn it on (on Prosody, the blocklist module); the bot checks again each time it connects.",
  unknown: "The presence service has not yet asked its XMPP server whether it supports blocking. Blocking is offered here once it has connected.",
};

export default async function BlocksPage() {
  const viewer = requireRole(await getViewer(), "moderation.view", PATH);
  const loaded = await loadBlocklist(getDb(), viewer);
  if (!loaded.ok) forbidden();
  const { support, blocked } = loaded.value;
  const now = new Date();
  return (
    <>
      <div className="page-heading">
        <div>
          <h1>Blocked</h1>
          <p className="page-heading__lede">Addresses the bot&rsquo;s XMPP server turns away.</p>
        </div>
      </div>
      <p className={support === "supported" ? "page-heading__lede" : "notice"} data-testid="blocking-support">
        {SUPPORT_IN_WORDS[support]}
      </p>
      {support === "supported" ? (
        <>
          <section className="card console__section" aria-labelledby="block-heading">
            <h2 id="block-heading">Block an address</h2>
            <BlockForm />
          </section>
          <section className="console__section" aria-labelledby="blocked-heading">
            <h2 id="blocked-heading" className="visually-hidden">
              Blocked addresses
            </h2>
            <BlockedList blocked={blocked} now={now} />
          </section>
        </>
      ) : null}
    </>
  );
}
