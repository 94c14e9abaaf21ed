import { describe, expect, it } from "vitest";
import { answerSubscriptionRequest } from "@/lib/roster/answer-subscription-request";

describe("answerSubscriptionRequest", () => {
  it("approves a verified member and asks back unless we already receive their presence", () => {
    expect(answerSubscriptionRequest({ fromActiveMember: true, subscription: null })).toEqual({ approve: true, subscribeBack: true });
    expect(answerSubscriptionRequest({ fromActiveMember: true, subscription: "none" })).toEqual({ approve: true, subscribeBack: true });
    expect(answerSubscriptionRequest({ fromActiveMember: true, subscription: "to" })).toEqual({ approve: true, subscribeBack: false });
  });

  it("leaves strangers and unverified links pending", () => {
    expect(answerSubscriptionRequest({ fromActiveMember: false, subscription: "none" })).toEqual({ approve: false, subscribeBack: false });
  });
});
