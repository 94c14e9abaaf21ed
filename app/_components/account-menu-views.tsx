// The header's account corner as it looks: "Sign in" and "Join" for visitors; the member's name, the
// tools their role opens, their profile and "Sign out" (a form posting to a server action, so it works
// without JavaScript) for members. No request is read here, so the board's shared copies use it too.
import Link from "next/link";
import { NavLink } from "@/app/_components/nav-link";
import { signOutAction } from "@/app/sign-in/actions";
import type { AccountSummary } from "@/lib/auth/account-summary";

export function VisitorAccountMenu() {
  return (
    <nav aria-label="Account" className="site-nav account-menu">
      <ul>
        <li>
          <NavLink href="/sign-in">Sign in</NavLink>
        </li>
        <li>
          <Link href="/sign-up" className="button">
            Join
          </Link>
        </li>
      </ul>
    </nav>
  );
}

/** A member's menu; `member` is null while the board's shared copy is still asking who they are. */
export function MemberAccountMenu({ member }: { member: Extract<AccountSummary, { signedIn: true }> | null }) {
  return (
    <nav aria-label="Account" className="site-nav account-menu">
      <ul>
        {member ? (
          <li className="account-menu__name" data-testid="account-name">
            <span className="visually-hidden">Signed in as </span>
            {member.displayName}
          </li>
        ) : null}
        {member?.moderator ? (
          <li>
            <NavLink href="/moderation">Moderation</NavLink>
          </li>
        ) : null}
        {member?.admin ? (
          <li>
            <NavLink href="/admin/categories">Categories</NavLink>
          </li>
        ) : null}
        {member?.admin ? (
          <li>
            <NavLink href="/admin/settings">Settings</NavLink>
          </li>
        ) : null}
        <li>
          <NavLink href="/profile">Profile</NavLink>
        </li>
        <li>
          <form action={signOutAction}>
            <button type="submit" className="link-button">
              Sign out
            </button>
          </form>
        </li>
      </ul>
    </nav>
  );
}
