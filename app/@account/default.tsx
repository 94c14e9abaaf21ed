// The account menu when no slot page matches the address (a full load of a not-found page).
export { AccountMenu as default } from "@/app/_components/account-menu";
