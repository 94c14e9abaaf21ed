// What a signed-in member who is not a moderator gets anywhere in the console, with HTTP 403.
import { AccessRefused } from "@/app/_components/access-refused";

export default function ConsoleForbidden() {
  return <AccessRefused action="moderation.view" />;
}
