// The whole product for one spec: private Prosody, worker and Next.js on the fixed e2e ports, on a
// fresh data folder of its own (.data/e2e-<name>) that stop() removes again.
import { rmSync } from "node:fs";
import path from "node:path";
import { startLocalStack, type LocalStack } from "@/scripts/lib/local-stack";
import { E2E_REALTIME_PORT, E2E_WEB_PORT } from "./ports";

export async function startE2eStack(name: string): Promise<LocalStack> {
  const dataDir = path.resolve(".data", `e2e-${name}`);
  rmSync(dataDir, { recursive: true, force: true });
  const stack = await startLocalStack({ dataDir, webPort: E2E_WEB_PORT, realtimePort: E2E_REALTIME_PORT, quiet: true });
  const stop = stack.stop;
  return {
    ...stack,
    async stop() {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
