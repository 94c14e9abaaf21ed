// whileBusy: a write refused for another process's lock is tried again with pauses that leave the
// event loop free, for a bounded time; any other error is not retried.
import { describe, expect, it } from "vitest";
import { isDatabaseBusyError, isDatabaseUnavailableError, whileBusy } from "@/lib/db/client";

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
    // PostgreSQL: a lock waited for past lock_timeout (the busy timeout there); other SQLSTATEs are not busy,
    // even one whose number ends like SQLite's busy code (23045 & 0xff = 5).
    expect(isDatabaseBusyError({ meta: { driverAdapterError: { cause: { originalCode: "55P03", originalMessage: "canceling statement due to lock timeout" } } } })).toBe(true);
    for (const originalCode of ["23505", "23045"]) expect(isDatabaseBusyError({ meta: { driverAdapterError: { cause: { originalCode } } } })).toBe(false);
    expect(isDatabaseBusyError({ code: "P2002", meta: { driverAdapterError: { cause: { originalCode: "2067" } } } })).toBe(false);
    expect(isDatabaseBusyError(new Error("anything"))).toBe(false);
    // A lock timeout reported on a failed COMMIT, by the adapter's own error.
    expect(isDatabaseBusyError(Object.assign(new Error("driver adapter error"), { name: "DriverAdapterError", cause: { kind: "postgres", originalCode: "55P03" } }))).toBe(true);
  });
});

describe("isDatabaseUnavailableError", () => {
  it("recognises a server that cannot be reached or dropped the connection, as the PostgreSQL adapter reports it, and nothing else", () => {
    // Seen from @prisma/adapter-pg: the server's port closed, within a transaction and without.
    const notReachable = (code: string) => ({ code, meta: { driverAdapterError: { name: "DriverAdapterError", cause: { kind: "DatabaseNotReachable", host: "127.0.0.1", port: 5432 } } } });
    expect(isDatabaseUnavailableError(notReachable("P1001"))).toBe(true);
    expect(isDatabaseUnavailableError(notReachable("P2010"))).toBe(true);
    expect(isDatabaseUnavailableError({ meta: { driverAdapterError: { cause: { kind: "ConnectionClosed" } } } })).toBe(true);
    // node-postgres, when the connection is cut under a query.
    expect(isDatabaseUnavailableError(new Error("Connection terminated unexpectedly"))).toBe(true);
    // The server shutting down or starting, and a lost connection, by SQLSTATE.
    for (const originalCode of ["57P01", "57P03", "08006", "08001"]) expect(isDatabaseUnavailableError({ meta: { driverAdapterError: { cause: { originalCode } } } })).toBe(true);
    expect(isDatabaseUnavailableError({ code: "P1017" })).toBe(true);
    // A failed COMMIT: Prisma passes the adapter's own error on, its account in `cause`.
    const adapterError = (cause: object) => Object.assign(new Error("driver adapter error"), { name: "DriverAdapterError", cause });
    expect(isDatabaseUnavailableError(adapterError({ kind: "ConnectionClosed" }))).toBe(true);
    expect(isDatabaseUnavailableError(adapterError({ kind: "postgres", originalCode: "57P01" }))).toBe(true);
    // node-postgres on a connection that broke between statements; socket errors the adapter passes on as they are.
    expect(isDatabaseUnavailableError(new Error("Client has encountered a connection error and is not queryable"))).toBe(true);
    for (const code of ["EPIPE", "EHOSTUNREACH", "ECONNRESET"]) expect(isDatabaseUnavailableError(Object.assign(new Error(code), { code }))).toBe(true);
    // A write reaching a standby, as just after a failover.
    expect(isDatabaseUnavailableError({ meta: { driverAdapterError: { cause: { originalCode: "25006" } } } })).toBe(true);

    // Not unavailable: a lock, a constraint, SQLite's codes, anything else.
    expect(isDatabaseUnavailableError({ meta: { driverAdapterError: { cause: { originalCode: "55P03" } } } })).toBe(false);
    expect(isDatabaseUnavailableError({ meta: { driverAdapterError: { cause: { kind: "UniqueConstraintViolation", originalCode: "23505" } } } })).toBe(false);
    expect(isDatabaseUnavailableError(busy())).toBe(false);
    expect(isDatabaseUnavailableError({ code: "P1008", meta: { driverAdapterError: { cause: { originalCode: "5" } } } })).toBe(false);
    expect(isDatabaseUnavailableError(new Error("a presence change could not be stored: Connection terminated unexpectedly"))).toBe(false);
    expect(isDatabaseUnavailableError(null)).toBe(false);
    // A protocol violation is in class 08 but is no outage: trying again would not cure it.
    expect(isDatabaseUnavailableError({ meta: { driverAdapterError: { cause: { originalCode: "08P01" } } } })).toBe(false);
    expect(isDatabaseUnavailableError(adapterError({ kind: "postgres", originalCode: "23505" }))).toBe(false);
  });
});
