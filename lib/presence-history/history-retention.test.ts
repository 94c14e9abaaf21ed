import { describe, expect, it } from "vitest";
import { DEFAULT_RETENTION_DAYS, parseRetentionDays, retentionCutoff } from "@/lib/presence-history/history-retention";

describe("parseRetentionDays", () => {
  it("reads a stored number of days from a week to ten years", () => {
    expect(parseRetentionDays("7")).toBe(7);
    expect(parseRetentionDays("365")).toBe(365);
    expect(parseRetentionDays("3650")).toBe(3650);
  });

  it("falls back to 90 days when nothing, something malformed or out of range is stored", () => {
    expect(DEFAULT_RETENTION_DAYS).toBe(90);
    for (const stored of [null, undefined, "", "6", "0", "-30", "3651", "30.5", " 30", "1e3", "ninety"]) expect(parseRetentionDays(stored)).toBe(90);
  });
});

describe("retentionCutoff", () => {
  it("is that many whole days before now", () => {
    expect(retentionCutoff(new Date("2026-03-09T12:00:00Z"), 7)).toEqual(new Date("2026-03-02T12:00:00Z"));
  });
});
