import { describe, expect, it } from "vitest";
import { categoryNameSchema, inBoardOrder, planMove, sameName, slugOf, uniqueSlug } from "@/lib/board/category-rules";

const list = ["A", "B", "C"].map((name, position) => ({ id: name.toLowerCase(), name, position }));

describe("category names and slugs", () => {
  it("trims names and keeps them between 1 and 60 characters", () => {
    expect(categoryNameSchema.parse("  Youth group ")).toBe("Youth group");
    expect(categoryNameSchema.safeParse("   ").success).toBe(false);
    expect(categoryNameSchema.safeParse("x".repeat(61)).success).toBe(false);
    expect(categoryNameSchema.parse("x".repeat(60))).toHaveLength(60);
  });
  it("compares names without case or surrounding space", () => {
    expect(sameName("General", " general ")).toBe(true);
    expect(sameName("General", "Generals")).toBe(false);
  });
  it("derives a slug from the name", () => {
    expect(slugOf("Prayer requests")).toBe("prayer-requests");
    expect(slugOf("  Café & Crèche! ")).toBe("cafe-creche");
    expect(slugOf("🙏")).toBe("category");
    expect(slugOf(`${"a".repeat(59)} b`)).toBe("a".repeat(59));
  });
  it("numbers a slug that is taken", () => {
    expect(uniqueSlug("Youth", new Set())).toBe("youth");
    expect(uniqueSlug("Youth", new Set(["youth", "youth-2"]))).toBe("youth-3");
  });
});

describe("the board's order and moves", () => {
  it("orders by position, then name", () => {
    expect(inBoardOrder([{ id: "1", name: "B", position: 0 }, { id: "2", name: "A", position: 0 }, { id: "3", name: "C", position: -1 }]).map((c) => c.name)).toEqual(["C", "A", "B"]);
  });
  it("moves up, down and to a place", () => {
    expect(planMove(list, "c", { direction: "up" })).toEqual({ ok: true, value: ["a", "c", "b"] });
    expect(planMove(list, "a", { direction: "down" })).toEqual({ ok: true, value: ["b", "a", "c"] });
    expect(planMove(list, "c", { place: 1 })).toEqual({ ok: true, value: ["c", "a", "b"] });
  });
  it("refuses moves that would change nothing or go off the list", () => {
    expect(planMove(list, "a", { direction: "up" })).toEqual({ ok: false, error: '"A" is already first.' });
    expect(planMove(list, "c", { direction: "down" })).toEqual({ ok: false, error: '"C" is already last.' });
    expect(planMove(list, "b", { place: 2 })).toEqual({ ok: false, error: '"B" is already in place 2.' });
    expect(planMove(list, "b", { place: 4 })).toEqual({ ok: false, error: "Choose a place from 1 to 3." });
    expect(planMove(list, "z", { direction: "up" })).toEqual({ ok: false, error: "There is no such category." });
  });
});
