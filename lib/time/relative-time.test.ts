import { describe, expect, it } from "vitest";
import { exactTime, relativeTime } from "@/lib/time/relative-time";

const now = new Date("2026-11-23T12:00:00Z");

describe("relativeTime", () => {
  it("says just now, minutes, hours and days ago", () => {
    expect(relativeTime(new Date("2026-11-23T11:59:40Z"), now)).toBe("just now");
    expect(relativeTime(new Date("2026-11-23T11:57:00Z"), now)).toBe("3 min. ago");
    expect(relativeTime(new Date("2026-11-23T09:00:00Z"), now)).toBe("3 hr. ago");
    expect(relativeTime(new Date("2026-11-22T12:00:00Z"), now)).toBe("yesterday");
  });

  it("gives the exact time for a tooltip", () => {
    expect(exactTime(now)).toBe("23 Nov 2026, 12:00 UTC");
  });
});
