// End-to-end tests in real Chromium: Debian's /usr/bin/chromium (browser downloads are unreachable,
// so never `npx playwright install`). Install it with `bash scripts/setup.sh`.
import { defineConfig } from "@playwright/test";
import { E2E_WEB_PORT } from "./e2e/ports";

export default defineConfig({
  testDir: "e2e",
  workers: 1,
  fullyParallel: false,
  retries: 0,
  reporter: "list",
  timeout: 60_000,
  use: {
    // Each spec starts the product on these ports (scripts/lib/local-stack.ts); `next build` first.
    baseURL: `http://localhost:${E2E_WEB_PORT}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
});
