// `npm start`: the whole product locally on the embedded default — a private Prosody with a bot and
// demo members, SQLite under .data/ (or DATABASE_URL when set, e.g. a PostgreSQL database), the worker
// and the board — until Ctrl-C.
import path from "node:path";
import { runDemoPresence, seedDemoCommunity } from "@/scripts/lib/demo-community";
import { startLocalStack } from "@/scripts/lib/local-stack";

const webPort = Number(process.env.PORT ?? 3000);
const realtimePort = Number(process.env.NARTHEX_REALTIME_PORT ?? 3001);
const dataDir = path.resolve(process.env.NARTHEX_DATA_DIR ?? ".data/local");

const stack = await startLocalStack({ dataDir, databaseUrl: process.env.DATABASE_URL || undefined, webPort, realtimePort, quiet: true });
let demo: Awaited<ReturnType<typeof runDemoPresence>>;
let admin: { email: string; password: string };
try {
  ({ admin } = await seedDemoCommunity(stack.db, stack.prosody));
  demo = await runDemoPresence(stack.prosody, stack.botJid);
} catch (error) {
  await stack.stop();
  throw error;
}

console.log(`
  Narthex is running: ${stack.webUrl}

  Demo members change their Jabber presence every few seconds; watch the dots.
  Sign in as the demo administrator: ${admin.email} with password ${admin.password}
  (a new password on every start), or join as a new member at ${stack.webUrl}/sign-up.
  Private XMPP server: ${stack.prosody.service} (domain ${stack.prosody.domain}, bot ${stack.botJid})
  Data and logs: ${dataDir}
  Operator CLI: DATABASE_URL=${stack.databaseUrl} npm run narthex -- help

  Press Ctrl-C to stop.
`);

let stopping = false;
async function shutdown(): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log("\nStopping Narthex…");
  await demo.stop();
  await stack.stop();
  console.log("Stopped.");
  process.exit(0);
}
process.on("SIGINT", () => void shutdown());
process.on("SIGTERM", () => void shutdown());
