// What a signed-in member who is not an administrator gets at /admin/settings, with HTTP 403.
import { AccessRefused } from "@/app/_components/access-refused";

export default function SettingsForbidden() {
  return <AccessRefused action="history.set-retention" />;
}
