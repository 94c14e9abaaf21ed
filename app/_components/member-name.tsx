// A member's name with their live presence dot and, when they are online, a "chat now" link.
import { ChatLink } from "@/app/_components/chat-link";
import { PresenceDot } from "@/app/_components/presence-dot";

export function MemberName({ member }: { member: { id: string; displayName: string } }) {
  return (
    <span className="member-name">
      <PresenceDot memberId={member.id} />
      <span className="member-name__text">{member.displayName}</span>
      <ChatLink memberId={member.id} name={member.displayName} />
    </span>
  );
}
