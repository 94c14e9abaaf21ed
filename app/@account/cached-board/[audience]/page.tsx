// The account menu on the board copy visitors share: only requests without a session cookie are
// rewritten there, so it is the visitor's menu, rendered without reading the request.
export { VisitorAccountMenu as default } from "@/app/_components/account-menu";
