"use client";
// One place above the roster table for answers that outlive their row: a removed contact's row goes
// as soon as the worker has removed it (the page follows the roster live), and what the removal did
// must still be there to read, with the keyboard on it.
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { FormMessage } from "@/app/_components/form-field";

const Announce = createContext<(message: string) => void>(() => undefined);

/** What a row's form calls to say something that should stay after the row is gone. */
export function useRosterAnswer(): (message: string) => void {
  return useContext(Announce);
}

export function RosterAnswer({ children }: { children: ReactNode }) {
  // A counter, so the same words said twice still count as a new answer.
  const [answer, setAnswer] = useState<{ text: string; count: number } | null>(null);
  const region = useRef<HTMLDivElement>(null);
  const announce = useCallback((text: string) => setAnswer((previous) => ({ text, count: (previous?.count ?? 0) + 1 })), []);
  useEffect(() => {
    if (answer) region.current?.focus();
  }, [answer]);
  return (
    <Announce value={announce}>
      <div ref={region} tabIndex={-1} className="console-list__message" data-testid="roster-answer" hidden={!answer}>
        {answer ? <FormMessage success={answer.text} /> : null}
      </div>
      {children}
    </Announce>
  );
}
