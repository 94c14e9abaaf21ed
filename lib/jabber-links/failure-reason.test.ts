import { xml } from "@xmpp/client";
import { describe, expect, it } from "vitest";
import { describeDeliveryFailure, stanzaErrorCondition } from "@/lib/jabber-links/failure-reason";

const NS = "urn:ietf:params:xml:ns:xmpp-stanzas";

describe("stanzaErrorCondition", () => {
  it("reads the defined condition, not the text", () => {
    const stanza = xml(
      "presence",
      { type: "error", from: "nobody@unreachable.invalid" },
      xml("error", { type: "cancel" }, xml("text", { xmlns: NS }, "Communication with remote domains is not enabled"), xml("not-allowed", { xmlns: NS })),
    );
    expect(stanzaErrorCondition(stanza)).toBe("not-allowed");
  });
  it("falls back to undefined-condition", () => {
    expect(stanzaErrorCondition(xml("message", { type: "error" }))).toBe("undefined-condition");
  });
});

describe("describeDeliveryFailure", () => {
  const remote = { jid: "alice@example.net", botDomain: "example.org" };
  it("says a remote server could not be reached (including a server that refuses to federate)", () => {
    for (const condition of ["remote-server-not-found", "remote-server-timeout", "not-allowed"]) {
      expect(describeDeliveryFailure({ ...remote, condition })).toBe("the server example.net could not be reached");
    }
  });
  it("names a missing account and refusals", () => {
    expect(describeDeliveryFailure({ ...remote, condition: "item-not-found" })).toBe("the account alice@example.net does not exist");
    expect(describeDeliveryFailure({ ...remote, condition: "service-unavailable" })).toMatch(/alice@example\.net does not exist or cannot receive messages/);
    expect(describeDeliveryFailure({ ...remote, condition: "forbidden" })).toBe("alice@example.net does not accept messages from the Narthex bot");
    expect(describeDeliveryFailure({ jid: "alice@example.org", botDomain: "example.org", condition: "not-allowed" })).toMatch(/does not allow/);
  });
  it("names anything else by its condition", () => {
    expect(describeDeliveryFailure({ ...remote, condition: "internal-server-error" })).toBe("the server example.net answered with an error (internal-server-error)");
  });
});
