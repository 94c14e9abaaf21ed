import { describe, expect, it } from "vitest";
import { sectionMembersByGroup, UNGROUPED_SECTION } from "@/lib/members/member-sections";

const [ada, ben, cy, dee] = ["ada", "ben", "cy", "dee"].map((id) => ({ id, name: id.toUpperCase() })) as [
  { id: string; name: string },
  { id: string; name: string },
  { id: string; name: string },
  { id: string; name: string },
];
const everyoneVisible = () => true;
const names = (sections: ReturnType<typeof sectionMembersByGroup<{ id: string; name: string }>>) =>
  sections.map((section) => [section.name, section.members.map((member) => member.id)]);

describe("sectionMembersByGroup", () => {
  it("puts members under their roster groups, alphabetically, and everyone else under Members last", () => {
    const groups = new Map([
      ["ada", ["Choir"]],
      ["ben", ["elders", "Choir"]],
      ["cy", []],
    ]);
    expect(names(sectionMembersByGroup([ada, ben, cy, dee], groups, everyoneVisible))).toEqual([
      ["Choir", ["ada", "ben"]],
      ["elders", ["ben"]],
      [UNGROUPED_SECTION, ["cy", "dee"]],
    ]);
  });

  it("never places a member by group when the viewer may not see their presence", () => {
    const groups = new Map([
      ["ada", ["Choir"]],
      ["ben", ["Choir"]],
    ]);
    const sections = sectionMembersByGroup([ada, ben], groups, (id) => id !== "ben");
    expect(names(sections)).toEqual([
      ["Choir", ["ada"]],
      [UNGROUPED_SECTION, ["ben"]],
    ]);
  });

  it("merges a roster group called Members into the plain section and ignores repeated groups", () => {
    const groups = new Map([
      ["ada", [UNGROUPED_SECTION, "Choir", "Choir"]],
      ["ben", [UNGROUPED_SECTION]],
    ]);
    expect(names(sectionMembersByGroup([ada, ben, cy], groups, everyoneVisible))).toEqual([
      ["Choir", ["ada"]],
      [UNGROUPED_SECTION, ["ada", "ben", "cy"]],
    ]);
  });

  it("has no sections for nobody, and no empty Members section when everyone has a group", () => {
    expect(sectionMembersByGroup([], new Map(), everyoneVisible)).toEqual([]);
    expect(names(sectionMembersByGroup([ada], new Map([["ada", ["Choir"]]]), everyoneVisible))).toEqual([["Choir", ["ada"]]]);
  });
});
