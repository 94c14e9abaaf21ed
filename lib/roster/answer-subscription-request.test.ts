import { describe, expect, it } from "vitest";
import { answerSubscriptionRequest } from "@/lib/roster/answer-subscription-request";
import { REQUEST_POLICIES } from "@/lib/roster/request-policy";

describe("answerSubscriptionRequest", () => {
  it("approves a verified member and asks back unless we already receive their presence, whatever the policy", () => {
    for (const policy of REQUEST_POLICIES) {
      expect(answerSubscriptionRequest({ fromActiveMember: true, subscription: null, policy })).toEqual({ answer: "subscribed", subscribeBack: true });
      expect(answerSubscriptionRequest({ fromActiveMember: true, subscription: "none", policy })).toEqual({ answer: "subscribed", subscribeBack: true });
      expect(answerSubscriptionRequest({ fromActiveMember: true, subscription: "from", policy })).toEqual({ answer: "subscribed", subscribeBack: true });
      expect(answerSubscriptionRequest({ fromActiveMember: true, subscription: "to", policy })).toEqual({ answer: "subscribed", subscribeBack: false });
    }
  });

  it("keeps strangers and unverified links pending for moderators by default", () => {
    expect(answerSubscriptionRequest({ fromActiveMember: false, subscription: "none", policy: "queue" })).toEqual({ answer: "keep", subscribeBack: false });
    expect(answerSubscriptionRequest({ fromActiveMember: false, subscription: null, policy: "queue" })).toEqual({ answer: "keep", subscribeBack: false });
  });

  it("approves a stranger under approve-all without asking back: the bot does not watch strangers", () => {
    expect(answerSubscriptionRequest({ fromActiveMember: false, subscription: null, policy: "approve-all" })).toEqual({ answer: "subscribed", subscribeBack: false });
    expect(answerSubscriptionRequest({ fromActiveMember: false, subscription: "none", policy: "approve-all" })).toEqual({ answer: "subscribed", subscribeBack: false });
  });

  it("denies a stranger under deny-all", () => {
    expect(answerSubscriptionRequest({ fromActiveMember: false, subscription: null, policy: "deny-all" })).toEqual({ answer: "unsubscribed", subscribeBack: false });
    expect(answerSubscriptionRequest({ fromActiveMember: false, subscription: "to", policy: "deny-all" })).toEqual({ answer: "unsubscribed", subscribeBack: false });
  });
});
