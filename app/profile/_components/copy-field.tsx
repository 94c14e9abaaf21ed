"use client";
// Read-only text to copy elsewhere (badge snippets): a labelled field that selects itself when
// focused, and a button that copies it and says so.
import { useRef, useState } from "react";
import { TextAreaField } from "@/app/_components/form-field";

export function CopyField({ name, label, value }: { name: string; label: string; value: string }) {
  const [copied, setCopied] = useState(false);
  const frame = useRef<HTMLDivElement>(null);

  async function copy() {
    const field = frame.current?.querySelector("textarea");
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      // No clipboard permission (or not a secure origin): leave it selected for Ctrl+C instead.
      field?.select();
      return;
    }
    setCopied(true);
  }

  return (
    <div ref={frame} className="copy-field">
      <TextAreaField name={name} label={label} value={value} readOnly rows={2} spellCheck={false} onFocus={(event) => event.currentTarget.select()} />
      <div className="copy-field__actions">
        <button type="button" className="button button--secondary" onClick={copy}>
          Copy {label}
        </button>
        <span role="status" className="copy-field__status">
          {copied ? "Copied." : ""}
        </span>
      </div>
    </div>
  );
}
