// The account menu on the board's shared copies, rendered without reading the request (proxy.ts sends
// only visitors to the public copy and only signed-in members to the members' one): the visitor's
// menu, or a member's menu that fills in who they are after load.
import { VisitorAccountMenu } from "@/app/_components/account-menu-views";
import { FetchedAccountMenu } from "@/app/_components/fetched-account-menu";

export default async function SharedCopyAccountMenu({ params }: { params: Promise<{ audience: string }> }) {
  const { audience } = await params;
  return audience === "members" ? <FetchedAccountMenu /> : <VisitorAccountMenu />;
}
