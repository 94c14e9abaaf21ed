import { describe, expect, it } from "vitest";
import { clientAddress } from "@/lib/http/client-address";

describe("clientAddress", () => {
  it("is the entry the proxy appended last, whatever the client put before it", () => {
    expect(clientAddress("203.0.113.9")).toBe("203.0.113.9");
    expect(clientAddress("1.2.3.4, 203.0.113.9 ", "127.0.0.1")).toBe("203.0.113.9");
  });

  it("is the peer, or one shared key, without the header", () => {
    expect(clientAddress(undefined, "198.51.100.7")).toBe("198.51.100.7");
    expect(clientAddress("", "198.51.100.7")).toBe("198.51.100.7");
    expect(clientAddress(null)).toBe("local");
  });
});
