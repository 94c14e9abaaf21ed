import { describe, expect, it } from "vitest";
import { DEFAULT_LIVENESS, judgeLiveness, LIVENESS_CHECK_MS } from "@/lib/xmpp-liveness";

const options = { pingAfterMs: 1_000, deadAfterMs: 3_500 };
const at = (now: number, heardAt: number, pinging = false) => judgeLiveness({ now, heardAt, checkedAt: now - LIVENESS_CHECK_MS, pinging }, options);

describe("judgeLiveness", () => {
  it("trusts a server that spoke recently", () => {
    expect(at(10_000, 9_500)).toBe("alive");
  });

  it("asks a silent server once, then waits for its answer", () => {
    expect(at(10_000, 9_000)).toBe("ping");
    expect(at(10_000, 9_000, true)).toBe("alive");
    expect(at(12_000, 9_000, true)).toBe("alive");
  });

  it("gives up on a server silent for deadAfterMs, pinged or not", () => {
    expect(at(12_500, 9_000, true)).toBe("dead");
    expect(at(12_500, 9_000, false)).toBe("dead");
  });

  it("does not blame the server when the check itself ran late (our event loop was busy)", () => {
    expect(judgeLiveness({ now: 20_000, heardAt: 9_000, checkedAt: 14_000, pinging: true }, options)).toBe("late");
  });

  it("by default notices a dead server within the product's 5 s, a check interval included", () => {
    expect(DEFAULT_LIVENESS.deadAfterMs + LIVENESS_CHECK_MS).toBeLessThan(4_000);
    expect(DEFAULT_LIVENESS.pingAfterMs).toBeLessThan(DEFAULT_LIVENESS.deadAfterMs);
  });
});
