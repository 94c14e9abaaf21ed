import { startLocalStack } from "@/scripts/lib/local-stack";
import { createMember } from "@/lib/members/create-member";
import { rmSync } from "node:fs";
const dataDir = "/tmp/badges-scratch/stack";
rmSync(dataDir, { recursive: true, force: true });
const stack = await startLocalStack({ dataDir, webPort: 3410, realtimePort: 3411, quiet: true });
try {
  const m = await createMember(stack.db, { handle: "pat", displayName: "Pat", presenceVisibility: "public" });
  if (!m.ok) throw new Error(m.error);
  await stack.db.jabberLink.create({ data: { memberId: m.value.id, jid: "pat@x.org", verifiedAt: new Date() } });
  for (const path of ["/badges/pat.svg", "/badges/pat.svg", "/badges/nobody.svg", "/badges/%25.svg", "/badges/pat.png", "/api/presence/pat", "/sign-in"]) {
    const s = performance.now();
    const r = await fetch(stack.webUrl + path);
    await r.arrayBuffer();
    console.log(path, r.status, (performance.now() - s).toFixed(1), "ms");
  }
  for (const path of ["/badges/pat.svg", "/badges/nobody.svg", "/badges/%25.svg", "/badges/nobody.png"]) {
    const s = performance.now();
    await Promise.all(Array.from({ length: 100 }, async () => (await fetch(stack.webUrl + path)).arrayBuffer()));
    console.log("100x", path, (performance.now() - s).toFixed(0), "ms");
  }
} finally {
  await stack.stop();
}
