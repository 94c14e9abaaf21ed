import { describe, expect, it } from "vitest";
import { formatDuration } from "@/lib/time/format-duration";

describe("formatDuration", () => {
  it("says none, under a minute, minutes, and hours with minutes", () => {
    expect(formatDuration(0)).toBe("none");
    expect(formatDuration(20_000)).toBe("under a minute");
    expect(formatDuration(45 * 60_000 + 59_000)).toBe("45 min");
    expect(formatDuration(3 * 3600_000 + 20 * 60_000)).toBe("3 h 20 min");
    expect(formatDuration(24 * 3600_000)).toBe("24 h");
  });
});
