// The account menu should this slot ever have no page for an address (every address has one today).
export { AccountMenu as default } from "@/app/_components/account-menu";
