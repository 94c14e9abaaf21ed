// The header's account menu on every page but the board home: every such address (unknown ones too,
// see app/[...path]) has a page in this slot, so moving between pages, even without a full load (e.g.
// after signing in), always re-reads who is signed in.
export { AccountMenu as default } from "@/app/_components/account-menu";
