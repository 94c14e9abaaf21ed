// Holds the bot's XMPP connection: one fresh @xmpp/client per session, our own reconnect loop with
// backoff and jitter (xmpp.js's built-in reconnect uses a fixed 1 s delay), and a stop on
// "conflict" (another login took our resource; reconnecting would only kick it back, RFC 6120
// §4.9.3.3) so two workers never fight in a loop. A connection the server stopped answering on is
// dropped within seconds (lib/xmpp-liveness.ts): pages must not show stale dots while TCP waits.
import { EventEmitter } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { client, xml, type Client } from "@xmpp/client";
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from "@/lib/backoff";
import type { Logger } from "@/lib/logger";
import { DEFAULT_LIVENESS, judgeLiveness, LIVENESS_CHECK_MS, type LivenessOptions } from "@/lib/xmpp-liveness";

export type XmppSessionOptions = {
  service: string;
  domain: string;
  username: string;
  password: string;
  resource: string;
  backoff?: BackoffOptions;
  liveness?: LivenessOptions;
  logger: Logger;
  /** Installs handlers (iq callees, stanza listeners) on each new client before it connects. */
  setup: (xmpp: Client) => void;
  /**
   * Asked before every login: false ends the loop for good (this worker no longer holds the worker
   * lease, so logging in would kick the holder's session); a throw waits a backoff step and asks again.
   */
  mayConnect?: () => Promise<boolean>;
};

const STABLE_SESSION_MS = 30_000;
/** A login that has not finished by then (a server that accepts TCP but hangs) is abandoned. */
const LOGIN_TIMEOUT_MS = 15_000;

export type SessionDown = { reason: string; conflict: boolean };

export interface XmppSessionEvents {
  online: [xmpp: Client];
  down: [down: SessionDown];
}

export class XmppSession extends EventEmitter<XmppSessionEvents> {
  #xmpp: Client | null = null;
  #stopping = new AbortController();
  #loop: Promise<void> | null = null;

  constructor(private readonly options: XmppSessionOptions) {
    super();
  }

  get client(): Client | null {
    return this.#xmpp?.status === "online" ? this.#xmpp : null;
  }

  start(): void {
    this.#loop ??= this.#run();
  }

  async stop(): Promise<void> {
    this.#stopping.abort();
    const xmpp = this.#xmpp;
    if (xmpp && xmpp.status === "online") {
      // Announce we are gone before closing the stream (RFC 6121 §4.5.1).
      await xmpp.send(xmppUnavailable()).catch(() => undefined);
    }
    await xmpp?.stop().catch(() => undefined);
    await this.#loop;
  }

  async #run(): Promise<void> {
    const { logger } = this.options;
    let attempt = 0;
    let onlineSince = 0;
    while (!this.#stopping.signal.aborted) {
      const may = this.options.mayConnect ? await this.options.mayConnect().catch(() => null) : true;
      if (this.#stopping.signal.aborted) break;
      if (may === false) {
        logger.warn("not logging in to the XMPP server: another worker holds the worker lease");
        return;
      }
      if (may === null) {
        const delay = backoffDelay(attempt++, this.options.backoff ?? DEFAULT_BACKOFF);
        logger.warn({ delayMs: delay }, "could not read the worker lease before logging in; trying again");
        await sleep(delay, undefined, { signal: this.#stopping.signal }).catch(() => undefined);
        continue;
      }
      const xmpp = this.#createClient();
      this.#xmpp = xmpp;
      let conflict = false;
      let lastError = "";
      xmpp.on("error", (error: Error & { condition?: string }) => {
        if (error.condition === "conflict") conflict = true;
        lastError = error.condition ?? error.message;
        logger.warn({ err: { message: error.message, condition: error.condition } }, "xmpp error");
      });
      const disconnected = new Promise<void>((resolve) => xmpp.on("disconnect", () => resolve()));
      let watchdog: Watchdog | null = null;
      try {
        await withTimeout(xmpp.start(), LOGIN_TIMEOUT_MS, () => dropSocket(xmpp));
        onlineSince = Date.now();
        logger.info({ jid: xmpp.jid?.toString() }, "xmpp session online");
        watchdog = this.#watch(xmpp);
        this.emit("online", xmpp);
        await Promise.race([disconnected, watchdog.dead, abortPromise(this.#stopping.signal)]);
        if (watchdog.isDead()) lastError = "the server stopped answering";
      } catch (error) {
        lastError ||= (error as Error).message;
      }
      watchdog?.stop();
      if (this.#stopping.signal.aborted) break;
      xmpp.removeAllListeners("disconnect");
      await xmpp.stop().catch(() => undefined);
      const reason = conflict
        ? "Another connection logged in to the bot account with the same resource; this worker has stopped connecting. Stop the other worker or give each its own NARTHEX_BOT_RESOURCE."
        : `Not connected to the XMPP server (${lastError || "connection closed"}); reconnecting.`;
      this.emit("down", { reason, conflict });
      if (conflict) {
        logger.error("xmpp resource conflict: not reconnecting");
        return;
      }
      // Only a session that stayed up a while resets the backoff: a server that accepts our login
      // and drops us at once must not be hammered.
      if (onlineSince && Date.now() - onlineSince > STABLE_SESSION_MS) attempt = 0;
      onlineSince = 0;
      const delay = backoffDelay(attempt++, this.options.backoff ?? DEFAULT_BACKOFF);
      logger.info({ delayMs: delay, attempt }, "xmpp reconnect scheduled");
      await sleep(delay, undefined, { signal: this.#stopping.signal }).catch(() => undefined);
    }
  }

  /**
   * Judges the live connection every LIVENESS_CHECK_MS: pings a silent server (XEP-0199) and drops
   * the socket of one that stays silent, so the loop reconnects (a graceful close would wait for
   * the dead server's answer).
   */
  #watch(xmpp: Client): Watchdog {
    const options = this.options.liveness ?? DEFAULT_LIVENESS;
    let heardAt = Date.now();
    let checkedAt = heardAt;
    let pinging = false;
    let dead = false;
    let declareDead = () => {};
    const deadPromise = new Promise<void>((resolve) => (declareDead = resolve));
    const heard = () => (heardAt = Date.now());
    // Any bytes count, not only whole stanzas: a large roster still arriving is a server answering.
    const socket = xmpp.socket as unknown as { on(event: "data", listener: () => void): void; removeListener(event: "data", listener: () => void): void } | null;
    socket?.on("data", heard);
    xmpp.on("element", heard);
    const timer = setInterval(() => {
      const now = Date.now();
      const verdict = judgeLiveness({ now, heardAt, checkedAt, pinging }, options);
      checkedAt = now;
      if (verdict === "late") heardAt = now;
      if (verdict === "ping") {
        pinging = true;
        xmpp.iqCaller
          .request(xml("iq", { type: "get", to: this.options.domain }, xml("ping", { xmlns: "urn:xmpp:ping" })), options.deadAfterMs)
          .catch(() => undefined) // an error answer is an answer too; silence is judged above
          .finally(() => (pinging = false));
      }
      if (verdict === "dead" && !dead) {
        // Bytes already waiting in the socket are read before this runs: judge once more after them.
        setImmediate(() => {
          if (dead || Date.now() - heardAt < options.deadAfterMs) return;
          dead = true;
          this.options.logger.warn({ silentMs: Date.now() - heardAt }, "the XMPP server stopped answering; dropping the connection");
          dropSocket(xmpp);
          declareDead();
        });
      }
    }, LIVENESS_CHECK_MS);
    return {
      dead: deadPromise,
      isDead: () => dead,
      stop: () => {
        clearInterval(timer);
        socket?.removeListener("data", heard);
        xmpp.removeListener("element", heard);
      },
    };
  }

  #createClient(): Client {
    const { service, domain, username, password, resource } = this.options;
    const xmpp = client({ service, domain, username, password, resource });
    xmpp.reconnect.stop(); // our loop reconnects, with backoff
    this.options.setup(xmpp);
    return xmpp;
  }
}

type Watchdog = { dead: Promise<void>; isDead(): boolean; stop(): void };

/** Closes the TCP connection at once, without the closing handshake a dead server cannot answer. */
function dropSocket(xmpp: Client): void {
  // xmpp.js's TCP socket is a net.Socket; its typings only declare end().
  (xmpp.socket as unknown as { destroy?: () => void } | null)?.destroy?.();
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number, onTimeout: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(new Error(`no answer from the server within ${timeoutMs / 1000} s`));
    }, timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function xmppUnavailable() {
  return xml("presence", { type: "unavailable" });
}

function abortPromise(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener("abort", () => resolve(), { once: true });
  });
}
