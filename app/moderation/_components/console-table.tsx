// A console list as a table with its caption, in a frame of its own that scrolls sideways on a narrow
// screen (never the page) and can be reached and scrolled by keyboard.
import type { ReactNode } from "react";

export function ConsoleTable({ name, caption, children }: { name: string; caption: ReactNode; children: ReactNode }) {
  const captionId = `${name}-table-caption`;
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={captionId}>
      <table className="console-table">
        <caption id={captionId}>{caption}</caption>
        {children}
      </table>
    </div>
  );
}
