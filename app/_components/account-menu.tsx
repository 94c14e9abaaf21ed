// The header's account corner: "Sign in" and "Join" for visitors; the member's name, their profile
// and "Sign out" (a form posting to a server action, so it works without JavaScript) for members.
import Link from "next/link";
import { NavLink } from "@/app/_components/nav-link";
import { signOutAction } from "@/app/sign-in/actions";
import { hasRole } from "@/lib/auth/authorize";
import { getViewer } from "@/lib/auth/current-viewer";

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

export async function AccountMenu() {
  const viewer = await getViewer();
  if (viewer.kind !== "member") return <VisitorAccountMenu />;
  return (
    <nav aria-label="Account" className="site-nav account-menu">
      <ul>
        <li className="account-menu__name" data-testid="account-name">
          <span className="visually-hidden">Signed in as </span>
          {viewer.displayName}
        </li>
        {hasRole(viewer, "moderator") ? (
          <li>
            <NavLink href="/moderation">Moderation</NavLink>
          </li>
        ) : null}
        {hasRole(viewer, "admin") ? (
          <li>
            <NavLink href="/admin/categories">Categories</NavLink>
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
