// Holds the bot's XMPP connection: one fresh @xmpp/client per session, our own reconnect loop with
// backoff and jitter (xmpp.js's built-in reconnect uses a fixed 1 s delay), and a stop on
// "conflict" (another login took our resource; reconnecting would only kick it back, RFC 6120
// §4.9.3.3) so two workers never fight in a loop.
import { EventEmitter } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { client, xml, type Client } from "@xmpp/client";
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from "@/lib/backoff";
import type { Logger } from "@/lib/logger";

export type XmppSessionOptions = {
  service: string;
  domain: string;
  username: string;
  password: string;
  resource: string;
  backoff?: BackoffOptions;
  logger: Logger;
  /** Installs handlers (iq callees, stanza listeners) on each new client before it connects. */
  setup: (xmpp: Client) => void;
};

const STABLE_SESSION_MS = 30_000;

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
      try {
        await xmpp.start();
        onlineSince = Date.now();
        logger.info({ jid: xmpp.jid?.toString() }, "xmpp session online");
        this.emit("online", xmpp);
        await Promise.race([disconnected, abortPromise(this.#stopping.signal)]);
      } catch (error) {
        lastError ||= (error as Error).message;
      }
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

  #createClient(): Client {
    const { service, domain, username, password, resource } = this.options;
    const xmpp = client({ service, domain, username, password, resource });
    xmpp.reconnect.stop(); // our loop reconnects, with backoff
    this.options.setup(xmpp);
    return xmpp;
  }
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
