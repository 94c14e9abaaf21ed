import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native database driver: loaded by Node at run time, never bundled.
  serverExternalPackages: ["@libsql/client", "libsql", "@prisma/adapter-libsql", "@node-rs/argon2"],
  poweredByHeader: false,
};

export default nextConfig;
