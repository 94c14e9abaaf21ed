// The header's account menu on the board home rendered per request (a visitor's plain `/` is the
// shared copy in app/cached-board/, which has its own slot page).
export { AccountMenu as default } from "@/app/_components/account-menu";
