import { describe, expect, it } from "vitest";
import { backoffDelay } from "@/lib/backoff";

describe("backoffDelay", () => {
  const options = { baseMs: 500, maxMs: 30_000 };

  it("grows exponentially between half and all of the ceiling", () => {
    expect(backoffDelay(0, options, () => 0)).toBe(250);
    expect(backoffDelay(0, options, () => 1)).toBe(500);
    expect(backoffDelay(3, options, () => 0)).toBe(2000);
    expect(backoffDelay(3, options, () => 1)).toBe(4000);
  });

  it("never exceeds the maximum, however many attempts", () => {
    for (const attempt of [10, 50, 1000]) expect(backoffDelay(attempt, options, () => 1)).toBe(30_000);
  });

  it("spreads delays with jitter", () => {
    const delays = new Set([0.1, 0.5, 0.9].map((r) => backoffDelay(4, options, () => r)));
    expect(delays.size).toBe(3);
  });
});
