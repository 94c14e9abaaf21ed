// The moderators' console: the bot's roster as the XMPP server holds it, the queue of commands to the
// worker, blocked addresses, members' standing, posts moderators have marked, and the audit log. Every page checks the viewer itself (requireRole), so a member gets 403
// and a visitor is sent to sign in; this frame adds the console's own navigation and, for moderators,
// the live link that keeps its pages true without a reload.
import type { ReactNode } from "react";
import { NavLink } from "@/app/_components/nav-link";
import { LiveConsole } from "@/app/moderation/_components/live-console";
import { hasRole } from "@/lib/auth/authorize";
import { getViewer } from "@/lib/auth/current-viewer";
import { getWebEnv } from "@/lib/env";

export default async function ModerationLayout({ children }: { children: ReactNode }) {
  const moderator = hasRole(await getViewer(), "moderator");
  return (
    <div className="console">
      <div className="console__bar">
        <nav aria-label="Moderators' console" className="console__nav site-nav">
          <ul>
            <li>
              <NavLink href="/moderation/roster">Roster</NavLink>
            </li>
            <li>
              <NavLink href="/moderation/commands">Commands</NavLink>
            </li>
            <li>
              <NavLink href="/moderation/blocks">Blocked</NavLink>
            </li>
            <li>
              <NavLink href="/moderation/members">Members</NavLink>
            </li>
            <li>
              <NavLink href="/moderation/posts">Posts</NavLink>
            </li>
            <li>
              <NavLink href="/moderation/audit">Audit log</NavLink>
            </li>
          </ul>
        </nav>
        {moderator ? <LiveConsole realtimeUrl={getWebEnv().NARTHEX_REALTIME_URL} /> : null}
      </div>
      {children}
    </div>
  );
}
