"use client";

// Shows a credential (webhook secret, API key) exactly once. The value lives only in the parent's state
// and is dropped when this dialog closes: it is never put in a URL, storage or the server-rendered page.
import { useId, useRef, useState, type ReactNode, type RefObject } from "react";
import { Button } from "./button";
import { Dialog, DialogActions } from "./dialog";
import { inputClass } from "./field";

type Props = {
  value: string | null;
  title: string;
  description: ReactNode;
  label: string;
  warning: ReactNode;
  onDone: () => void;
  finalFocus?: RefObject<HTMLElement | null>;
};

export function RevealOnceDialog({ value, title, description, label, warning, onDone, finalFocus }: Props) {
  const id = useId();
  const [copied, setCopied] = useState(false);
  const [copyFailed, setCopyFailed] = useState(false);
  // Escape, an outside click or Done before Copy asks first: the value cannot be shown again.
  const [asking, setAsking] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  function markCopied() {
    setCopied(true);
    setCopyFailed(false);
    setAsking(false);
  }

  async function copy() {
    if (!value) return;
    try {
      await navigator.clipboard.writeText(value);
      markCopied();
    } catch {
      input.current?.select();
      setCopyFailed(true);
    }
  }

  function close() {
    setCopied(false);
    setCopyFailed(false);
    setAsking(false);
    onDone();
  }

  const requestClose = () => (copied ? close() : setAsking(true));

  return (
    <Dialog
      open={value !== null}
      onOpenChange={(open) => !open && requestClose()}
      title={title}
      description={description}
      finalFocus={finalFocus}
    >
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <div className="mt-1.5 flex gap-2">
        <input
          ref={input}
          id={id}
          readOnly
          value={value ?? ""}
          onFocus={(e) => e.currentTarget.select()}
          // Ctrl+C / ⌘C / the context menu's Copy on the field count as copied too (the fallback when the
          // clipboard API is blocked, and what many people do anyway).
          onCopy={markCopied}
          className={`${inputClass} font-mono text-[13px]`}
          spellCheck={false}
          autoComplete="off"
        />
        <Button onClick={copy} aria-live="polite" className="w-20">
          {copied ? "Copied" : "Copy"}
        </Button>
      </div>
      {copyFailed && <p className="mt-1.5 text-[13px] text-muted">Copying is blocked here. The value is selected: press Ctrl+C (⌘C on a Mac).</p>}
      <div role="note" className="mt-4 flex gap-2.5 rounded-md border border-warning/30 bg-warning-soft px-3 py-2.5 text-[13px] text-warning">
        <svg aria-hidden viewBox="0 0 20 20" className="mt-px size-4 shrink-0" fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round">
          <path d="M10 3 2.5 16.5h15L10 3Z" strokeLinejoin="round" />
          <path d="M10 8.5v3.5M10 14.5v.01" />
        </svg>
        <div>{warning}</div>
      </div>
      {asking ? (
        <div role="alert" className="mt-4 rounded-md border border-border bg-surface-muted px-3 py-2.5 text-sm">
          <p className="font-medium">Have you copied the secret? It will not be shown again.</p>
          <DialogActions>
            <Button onClick={() => setAsking(false)} autoFocus>
              Go back
            </Button>
            <Button variant="danger" onClick={close}>
              Close anyway
            </Button>
          </DialogActions>
        </div>
      ) : (
        <DialogActions>
          <Button variant="primary" onClick={requestClose}>
            Done
          </Button>
        </DialogActions>
      )}
    </Dialog>
  );
}
