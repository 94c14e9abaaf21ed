// The members directory's sections: the bot's roster groups (RFC 6121 §2.1.2.2: a contact may sit in
// several groups, so a member appears in each), then everyone else under "Members". A member whose
// presence the viewer may not see is never placed by group: a group would give away a linked JID.

export const UNGROUPED_SECTION = "Members";

export type MemberSection<M> = { name: string; members: M[] };

export function sectionMembersByGroup<M extends { id: string }>(
  members: readonly M[],
  groupsOf: ReadonlyMap<string, readonly string[]>,
  mayShowGroups: (memberId: string) => boolean,
): MemberSection<M>[] {
  const byGroup = new Map<string, M[]>();
  const ungrouped: M[] = [];
  for (const member of members) {
    const groups = mayShowGroups(member.id) ? [...new Set(groupsOf.get(member.id) ?? [])] : [];
    // A roster group literally called "Members" is the plain section, not a second one.
    const named = groups.filter((group) => group !== UNGROUPED_SECTION);
    if (named.length === 0 || named.length < groups.length) ungrouped.push(member);
    for (const group of named) byGroup.set(group, [...(byGroup.get(group) ?? []), member]);
  }
  const sections = [...byGroup]
    .sort(([a], [b]) => a.localeCompare(b, "en", { sensitivity: "base" }) || a.localeCompare(b))
    .map(([name, inGroup]) => ({ name, members: inGroup }));
  return ungrouped.length > 0 ? [...sections, { name: UNGROUPED_SECTION, members: ungrouped }] : sections;
}
