import { describe, expect, it } from "vitest";
import { handleFromName } from "@/lib/members/handle-from-name";
import { memberInputSchema } from "@/lib/members/create-member";

describe("handleFromName", () => {
  it.each([
    ["Ruth Okafor", "ruth-okafor"],
    ["Zoë O'Brien-Smith", "zoe-obrien-smith"],
    ["  José  María  ", "jose-maria"],
    ["Ludwig van Beethoven the Magnificent of Bonn", "ludwig-van-beethoven-the-ma"],
    ["李小龙", "member"],
    ["---", "member"],
    ["<script>alert(1)</script>", "script-alert-1-script"],
  ])("%s → %s", (name, handle) => {
    expect(handleFromName(name)).toBe(handle);
  });

  it("always makes a valid handle, with room for a number", () => {
    for (const name of ["a".repeat(80), "x-".repeat(40), "Ａｌｉｃｅ", "Łukasz Żółć"]) {
      const handle = handleFromName(name);
      expect(memberInputSchema.shape.handle.safeParse(`${handle}-9999`).success).toBe(true);
    }
  });
});
