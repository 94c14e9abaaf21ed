// whileBusy: a write refused for another process's lock is tried again with pauses that leave the
// event loop free, for a bounded time; any other error is not retried.
import { describe, expect, it } from "vitest";
import { isDatabaseBusyError, whileBusy } from "@/lib/db/client";

const busy = () => Object.assign(new Error("SQLITE_BUSY: database is locked"), { code: "SQLITE_BUSY" });

describe("whileBusy", () => {
  it("tries again while the lock is held, freshening the connection each time, and lets timers run meanwhile", async () => {
    let tries = 0;
    let freshened = 0;
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 1);
    const result = await whileBusy(
      async () => {
        if (++tries < 8) throw busy();
        return "stored";
      },
      { onBusy: async () => void freshened++ },
    );
    clearInterval(ticker);
    expect(result).toBe("stored");
    expect(tries).toBe(8);
    expect(freshened).toBe(7);
    expect(ticks).toBeGreaterThan(5);
  });

  it("gives up with the refusal once the timeout has passed", async () => {
    const startedAt = Date.now();
    await expect(whileBusy(() => Promise.reject(busy()), { timeoutMs: 200 })).rejects.toMatchObject({ code: "SQLITE_BUSY" });
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(100);
    expect(Date.now() - startedAt).toBeLessThan(400);
  });

  it("does not retry anything else", async () => {
    let tries = 0;
    const failure = Object.assign(new Error("UNIQUE constraint failed"), { code: "SQLITE_CONSTRAINT" });
    await expect(whileBusy(() => Promise.reject((tries++, failure)))).rejects.toBe(failure);
    expect(tries).toBe(1);
  });
});

describe("isDatabaseBusyError", () => {
  it("recognises Prisma's report of a lock held past the busy timeout, and nothing else", () => {
    const prismaBusy = { code: "P1008", meta: { driverAdapterError: { cause: { originalCode: "5", originalMessage: "SQLITE_BUSY: database is locked" } } } };
    expect(isDatabaseBusyError(prismaBusy)).toBe(true);
    expect(isDatabaseBusyError(busy())).toBe(true);
    // Extended codes: SQLITE_BUSY_SNAPSHOT, SQLITE_BUSY_RECOVERY, SQLITE_LOCKED_SHAREDCACHE.
    for (const originalCode of ["517", "261", "262"]) expect(isDatabaseBusyError({ code: "P1008", meta: { driverAdapterError: { cause: { originalCode } } } })).toBe(true);
    expect(isDatabaseBusyError({ code: "P2002", meta: { driverAdapterError: { cause: { originalCode: "2067" } } } })).toBe(false);
    expect(isDatabaseBusyError(new Error("anything"))).toBe(false);
  });
});
