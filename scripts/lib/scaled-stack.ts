// The product as it runs on more than one machine, on loopback: a private PostgreSQL, two web nodes
// serving the board and the feed (joined by socket.io's PostgreSQL adapter), HAProxy in front of them
// as the one address browsers use, the stack's worker and, if asked, standby workers. For the scaling
// tests (e2e/scaling.spec.ts) and the fan-out benchmark (bench/feed-fan-out.ts); `next build` first.
import path from "node:path";
import { freePort } from "@/scripts/lib/child-servers";
import { startLocalStack, type LocalStack } from "@/scripts/lib/local-stack";
import { startPrivateHaproxy, type PrivateHaproxy } from "@/scripts/lib/private-haproxy";
import { startPrivatePostgres, type PrivatePostgres } from "@/scripts/lib/private-postgres";
import { onServer } from "@/scripts/lib/temp-database";

export type ScaledStack = LocalStack & { balancer: PrivateHaproxy; postgres: PrivatePostgres };

export async function startScaledStack(options: {
  dataDir: string;
  /** Where browsers reach the board (HAProxy); a free one when omitted. */
  publicPort?: number;
  /** The worker's own port (badges and its feed, which the web nodes' browsers do not use). */
  realtimePort?: number;
  /** The web nodes' names (HAProxy's servers and cookie values); two by default. */
  nodeNames?: string[];
  quiet?: boolean;
}): Promise<ScaledStack> {
  const postgres = await startPrivatePostgres();
  let stack: LocalStack | null = null;
  try {
    // C collation, as the README asks of a production database (text sorts as in SQLite).
    await onServer(postgres.url("postgres"), `CREATE DATABASE "narthex" TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C'`);
    const publicPort = options.publicPort ?? (await freePort());
    const nodes = [];
    for (const name of options.nodeNames ?? ["a", "b"]) nodes.push({ name, port: await freePort() });
    stack = await startLocalStack({
      dataDir: options.dataDir,
      databaseUrl: postgres.url("narthex"),
      webPort: publicPort,
      realtimePort: options.realtimePort ?? (await freePort()),
      quiet: options.quiet ?? true,
      feedNodes: { publicUrl: `http://localhost:${publicPort}`, nodes },
    });
    const balancer = await startPrivateHaproxy({ dir: path.join(options.dataDir, "haproxy"), port: publicPort, nodes });
    const local = stack;
    return {
      ...local,
      balancer,
      postgres,
      async stop() {
        await balancer.stop();
        await local.stop();
        await postgres.stop();
      },
    };
  } catch (error) {
    await stack?.stop();
    await postgres.stop();
    throw error;
  }
}
