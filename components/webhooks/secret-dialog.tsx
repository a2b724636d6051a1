"use client";

// Shows a new endpoint's signing secret exactly once. The secret lives only in the parent's state
// and is dropped when this dialog closes: it is never put in a URL, storage or the server-rendered page.
import { useRef, useState, type RefObject } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { inputClass } from "@/components/ui/field";

type Props = { secret: string | null; onDone: () => void; finalFocus?: RefObject<HTMLElement | null> };

export function SecretDialog({ secret, onDone, finalFocus }: Props) {
  const [copied, setCopied] = useState(false);
  const [copyFailed, setCopyFailed] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  async function copy() {
    if (!secret) return;
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(true);
      setCopyFailed(false);
    } catch {
      input.current?.select();
      setCopyFailed(true);
    }
  }

  function close() {
    setCopied(false);
    setCopyFailed(false);
    onDone();
  }

  return (
    <Dialog
      open={secret !== null}
      onOpenChange={(open) => !open && close()}
      title="Webhook Secret Key"
      description="Use this secret to verify that webhook requests come from DashX (Standard Webhooks signatures)."
      dismissOnOutsideClick={false}
      finalFocus={finalFocus}
    >
      <label htmlFor="webhook-secret" className="block text-sm font-medium">
        Signing secret
      </label>
      <div className="mt-1.5 flex gap-2">
        <input
          ref={input}
          id="webhook-secret"
          readOnly
          value={secret ?? ""}
          onFocus={(e) => e.currentTarget.select()}
          className={`${inputClass} font-mono text-[13px]`}
          spellCheck={false}
        />
        <Button onClick={copy} aria-live="polite" className="w-20">
          {copied ? "Copied" : "Copy"}
        </Button>
      </div>
      {copyFailed && <p className="mt-1.5 text-[13px] text-muted">Copying is blocked here. The secret is selected: press Ctrl+C (⌘C on a Mac).</p>}
      <div role="note" className="mt-4 flex gap-2.5 rounded-md border border-warning/30 bg-warning-soft px-3 py-2.5 text-[13px] text-warning">
        <svg aria-hidden viewBox="0 0 20 20" className="mt-px size-4 shrink-0" fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round">
          <path d="M10 3 2.5 16.5h15L10 3Z" strokeLinejoin="round" />
          <path d="M10 8.5v3.5M10 14.5v.01" />
        </svg>
        <p>
          <strong className="font-semibold">This secret is shown only once.</strong> Copy it now and store it somewhere safe, such as your
          server&apos;s secret manager. It will never be shown again.
        </p>
      </div>
      <DialogActions>
        <Button variant="primary" onClick={close}>
          Done
        </Button>
      </DialogActions>
    </Dialog>
  );
}
