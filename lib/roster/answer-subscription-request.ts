// What the bot does with an inbound subscription request (RFC 6121 §3.1.3). An active member's JID
// (verified, member not suspended) is approved, and asked in return so the subscription becomes
// mutual. Anyone else is answered by the request policy: kept pending for moderators (the server keeps
// the request and redelivers it at every login), approved ("subscribed", §3.1.4; nothing asked back:
// the bot does not watch strangers) or denied ("unsubscribed", §3.1.5; nothing kept).
import type { RequestPolicy } from "@/lib/roster/request-policy";
import { receivesPresence, type SubscriptionState } from "@/lib/roster/roster-item";

export type SubscriptionAnswer = { answer: "subscribed" | "unsubscribed" | "keep"; subscribeBack: boolean };

export function answerSubscriptionRequest(request: { fromActiveMember: boolean; subscription: SubscriptionState | null; policy: RequestPolicy }): SubscriptionAnswer {
  if (request.fromActiveMember) return { answer: "subscribed", subscribeBack: !request.subscription || !receivesPresence(request.subscription) };
  switch (request.policy) {
    case "approve-all":
      return { answer: "subscribed", subscribeBack: false };
    case "deny-all":
      return { answer: "unsubscribed", subscribeBack: false };
    case "queue":
      return { answer: "keep", subscribeBack: false };
  }
}
