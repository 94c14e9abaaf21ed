// The profile's Jabber IDs: each link's state in words and what can be done next, and the form to
// link another. Rendered on the server from listMemberLinks; reload to see the worker's progress.
import { AddJabberIdForm } from "@/app/profile/_components/add-jabber-id-form";
import { EnterCodeForm } from "@/app/profile/_components/enter-code-form";
import { RequestCodeForm } from "@/app/profile/_components/request-code-form";
import { UnlinkForm } from "@/app/profile/_components/unlink-form";
import type { MemberLinkView } from "@/lib/jabber-links/list-member-links";

export function JabberLinksSection({ links }: { links: MemberLinkView[] }) {
  return (
    <section className="card" aria-labelledby="jabber-ids-heading">
      <h2 id="jabber-ids-heading">Jabber IDs</h2>
      <p className="field__hint">
        Link your own Jabber ID to show when you are online. The Narthex bot sends it a one-time code by chat to prove it is yours, and asks to see
        your presence: approve that request in your Jabber client.
      </p>
      {links.length === 0 ? (
        <p>No Jabber ID linked yet.</p>
      ) : (
        <ul className="jabber-links">
          {links.map((link) => (
            <li key={link.jid} className="jabber-links__item" data-testid={`jabber-link-${link.jid}`}>
              <p className="jabber-links__jid">{link.jid}</p>
              <p className="jabber-links__state" data-testid={`jabber-link-state-${link.jid}`} data-state={link.state}>
                {link.words}
              </p>
              {link.canEnterCode ? <EnterCodeForm jid={link.jid} /> : null}
              {link.canRequestCode ? <RequestCodeForm jid={link.jid} /> : null}
              <UnlinkForm jid={link.jid} />
            </li>
          ))}
        </ul>
      )}
      <AddJabberIdForm />
    </section>
  );
}
