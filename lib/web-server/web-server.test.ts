import { describe, expect, it } from "vitest";
import { isBoardHomeDocument } from "@/lib/web-server/web-server";

const request = (method: string, url: string, headers: Record<string, string> = {}) => ({ method, url, headers });

describe("isBoardHomeDocument", () => {
  it("is a browser's plain GET or HEAD of /", () => {
    expect(isBoardHomeDocument(request("GET", "/"))).toBe(true);
    expect(isBoardHomeDocument(request("HEAD", "/", { cookie: "narthex.session=abc", "accept-encoding": "gzip" }))).toBe(true);
  });

  it("is not a page of the board, another path, a write, or anything Next.js's router asks for", () => {
    for (const url of ["/?before=abc", "/?deleted=1", "/?", "/?_rsc=1x", "/posts/1", "//", "/cached-board/members"]) expect(isBoardHomeDocument(request("GET", url))).toBe(false);
    expect(isBoardHomeDocument(request("POST", "/"))).toBe(false);
    for (const name of ["rsc", "next-router-prefetch", "next-router-state-tree", "next-router-segment-prefetch", "next-action"]) {
      expect(isBoardHomeDocument(request("GET", "/", { [name]: "1" }))).toBe(false);
    }
    expect(isBoardHomeDocument(request("GET", "/", { "x-narthex-board-copy": "1" }))).toBe(false);
  });
});
