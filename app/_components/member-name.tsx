// A member's name, linked to their profile, with their live presence dot and, when they are online,
// a "chat now" link.
import Link from "next/link";
import { ChatLink } from "@/app/_components/chat-link";
import { PresenceDot } from "@/app/_components/presence-dot";

export function MemberName({ member }: { member: { id: string; handle: string; displayName: string } }) {
  return (
    <span className="member-name">
      <PresenceDot memberId={member.id} />
      <Link href={memberProfileHref(member.handle)} className="member-name__text">
        {member.displayName}
      </Link>
      <ChatLink memberId={member.id} name={member.displayName} />
    </span>
  );
}

export function memberProfileHref(handle: string): string {
  return `/members/${encodeURIComponent(handle)}`;
}
