// What the bot does with an inbound subscription request (RFC 6121 §3.1.3). Members whose JID is
// verified are approved, and asked in return so the subscription becomes mutual; anyone else is
// left pending (the server keeps the request and hands it over again at every login).
import { receivesPresence, type SubscriptionState } from "@/lib/roster/roster-item";

export type SubscriptionAnswer = { approve: boolean; subscribeBack: boolean };

export function answerSubscriptionRequest(request: { linkVerified: boolean; subscription: SubscriptionState | null }): SubscriptionAnswer {
  if (!request.linkVerified) return { approve: false, subscribeBack: false };
  return { approve: true, subscribeBack: !request.subscription || !receivesPresence(request.subscription) };
}
