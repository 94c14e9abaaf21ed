// The header's account corner for the request's viewer (every page but the board's shared copies).
import { MemberAccountMenu, VisitorAccountMenu } from "@/app/_components/account-menu-views";
import { accountSummaryOf } from "@/lib/auth/account-summary";
import { getViewer } from "@/lib/auth/current-viewer";

export async function AccountMenu() {
  const account = accountSummaryOf(await getViewer());
  return account.signedIn ? <MemberAccountMenu member={account} /> : <VisitorAccountMenu />;
}
