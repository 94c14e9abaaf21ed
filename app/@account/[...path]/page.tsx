// The header's account menu on every other page: every address matches here, so moving between
// pages (even without a full load, e.g. after signing in) always re-reads who is signed in.
export { AccountMenu as default } from "@/app/_components/account-menu";
