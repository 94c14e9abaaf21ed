import type { NextConfig } from "next";

/**
 * Auth.js's session cookie (plain and, behind HTTPS, with the __Secure- prefix). A request carrying
 * either is a member's, or was: it gets the board rendered for it; one without is a visitor's.
 */
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

const nextConfig: NextConfig = {
  // Native database driver: loaded by Node at run time, never bundled.
  serverExternalPackages: ["@libsql/client", "libsql", "@prisma/adapter-libsql", "@node-rs/argon2"],
  poweredByHeader: false,
  generateEtags: false,
  // `forbidden()`: HTTP 403 for a member without the role a page needs (lib/auth/require-role.ts).
  experimental: {
    authInterrupts: true,
    // Cached pages live in memory only: a copy on disk would outlive the database it was read from.
    isrFlushToDisk: false,
  },
  // A cached page older than this is rendered afresh before it is served, never handed out stale.
  expireTime: 60,
  async redirects() {
    // The shared visitor copy has one address, `/`.
    return [{ source: "/cached-board/:audience", destination: "/", permanent: false }];
  },
  async rewrites() {
    return {
      // A visitor's plain board home is the shared copy (app/cached-board/): one render serves them all.
      beforeFiles: [
        {
          source: "/",
          missing: [
            ...SESSION_COOKIES.map((key) => ({ type: "cookie" as const, key })),
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
