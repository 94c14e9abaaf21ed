// The moderators' console: the bot's roster as the XMPP server holds it, the queue of commands to the
// worker, and the audit log. Every page checks the viewer itself (requireRole), so a member gets 403
// and a visitor is sent to sign in; this frame only adds the console's own navigation.
import type { ReactNode } from "react";
import { NavLink } from "@/app/_components/nav-link";

export default function ModerationLayout({ children }: { children: ReactNode }) {
  return (
    <div className="console">
      <nav aria-label="Moderators' console" className="console__nav site-nav">
        <ul>
          <li>
            <NavLink href="/moderation/roster">Roster</NavLink>
          </li>
          <li>
            <NavLink href="/moderation/commands">Commands</NavLink>
          </li>
          <li>
            <NavLink href="/moderation/audit">Audit log</NavLink>
          </li>
          <li>
            <NavLink href="/moderation/blocks">Blocked</NavLink>
          </li>
        </ul>
      </nav>
      {children}
    </div>
  );
}
