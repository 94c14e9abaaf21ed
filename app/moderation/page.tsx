// The console opens on the roster.
import { redirect } from "next/navigation";

export default function ModerationHome(): never {
  redirect("/moderation/roster");
}
