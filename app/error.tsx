"use client";
// When a page fails on the server: say so in plain words and offer a retry. The details stay in the
// server's log (Next.js gives the browser only a digest to quote).
import { useEffect } from "react";

export default function PageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className="empty-state" role="alert">
      <p className="empty-state__title">Something went wrong on our side</p>
      <p>The page could not be shown just now. Please try again in a moment.</p>
      <p>
        <button type="button" className="button" onClick={reset}>
          Try again
        </button>
      </p>
      {error.digest ? <p className="field__hint">Reference: {error.digest}</p> : null}
    </div>
  );
}
