// Tells the web server's kept copies of the board home (board-home-copies.ts) that a write changed
// what the board shows. The writes happen in Next.js's server actions, which run in the web server's
// own process but as Next.js's bundled copy of this module, so the listeners live on `globalThis`
// under a registered symbol that both copies of the module find.
const LISTENERS = Symbol.for("narthex.board-home-changes");

type Listener = () => void;
type Registry = { [LISTENERS]?: Set<Listener> };

function listeners(): Set<Listener> {
  const registry = globalThis as Registry;
  registry[LISTENERS] ??= new Set();
  return registry[LISTENERS];
}

/** Calls `listener` after every board write; returns the function that stops it. */
export function onBoardHomeChange(listener: Listener): () => void {
  listeners().add(listener);
  return () => listeners().delete(listener);
}

export function announceBoardHomeChange(): void {
  for (const listener of listeners()) listener();
}
