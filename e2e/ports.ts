// Fixed loopback ports for the e2e stack (the config needs the base URL before any test starts).
export const E2E_WEB_PORT = Number(process.env.E2E_WEB_PORT ?? 3210);
export const E2E_REALTIME_PORT = Number(process.env.E2E_REALTIME_PORT ?? 3211);
