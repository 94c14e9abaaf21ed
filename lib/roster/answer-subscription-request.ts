// What the bot does with an inbound subscription request (RFC 6121 §3.1.3). An active member's JID
// (verified, member not suspended) is approved, and asked in return so the subscription becomes
// mutual; anyone else is left pending (the server keeps the request and redelivers it at every login).
import { receivesPresence, type SubscriptionState } from "@/lib/roster/roster-item";

export type SubscriptionAnswer = { approve: boolean; subscribeBack: boolean };

export function answerSubscriptionRequest(request: { fromActiveMember: boolean; subscription: SubscriptionState | null }): SubscriptionAnswer {
  if (!request.fromActiveMember) return { approve: false, subscribeBack: false };
  return { approve: true, subscribeBack: !request.subscription || !receivesPresence(request.subscription) };
}
