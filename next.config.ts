import type { NextConfig } from "next";
import { SESSION_COOKIE_NAMES } from "./lib/auth/session-cookie";


const nextConfig: NextConfig = {
  // Database drivers (libSQL's is native): loaded by Node at run time, never bundled.
  serverExternalPackages: ["@libsql/client", "libsql", "@prisma/adapter-libsql", "pg", "@prisma/adapter-pg", "@node-rs/argon2"],
  poweredByHeader: false,
  // An ETag is a hash of the whole page, computed on every response: on the visitors' cached board
  // it cost about a third of the throughput (bench:board: ~1,000 → ~1,450 requests/s without).
  generateEtags: false,
  // `forbidden()`: HTTP 403 for a member without the role a page needs (lib/auth/require-role.ts).
  experimental: {
    authInterrupts: true,
    // Cached pages live in memory only: a copy on disk would outlive the database it was read from.
    isrFlushToDisk: false,
    // A browser reuses a cached page it fetched (the visitors' board, a prefetch of `/`) this long.
    staleTimes: { static: 30 },
  },
  // A cached page older than this is rendered afresh before it is served, never handed out stale.
  expireTime: 60,
  async redirects() {
    // The board's shared copies have one address, `/`: asked for by their own address they are not
    // served, so nobody can pick the members' copy (proxy.ts checks the session before it sends there).
    return [{ source: "/cached-board/:audience", destination: "/", permanent: false }];
  },
  async rewrites() {
    return {
      // A visitor's plain board home is the public shared copy (app/cached-board/): one render serves
      // them all. A request with a session cookie goes through proxy.ts instead, which checks it.
      beforeFiles: [
        {
          source: "/",
          missing: [
            ...SESSION_COOKIE_NAMES.map((key) => ({ type: "cookie" as const, key })),
            { type: "query", key: "before" },
            { type: "query", key: "deleted" },
          ],
          destination: "/cached-board/public",
        },
      ],
      afterFiles: [],
      fallback: [],
    };
  },
};

export default nextConfig;
