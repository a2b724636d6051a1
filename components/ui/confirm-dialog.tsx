"use client";

// A confirm dialog that keeps its own state: its trigger opens it, Cancel has the focus, and the action
// runs with its button disabled and showing `pendingLabel`. When the action resolves the dialog closes,
// unless it resolves "leaving" (it navigated away): then the dialog stays as it is until the page goes.
import { useState, type ReactNode } from "react";
import { ConfirmActions, Dialog } from "./dialog";

type Props = {
  trigger: ReactNode;
  title: string;
  description: ReactNode;
  label: string;
  pendingLabel: string;
  variant?: "danger" | "primary";
  onConfirm: () => Promise<void | "leaving">;
};

export function ConfirmDialog({ trigger, title, description, label, pendingLabel, variant, onConfirm }: Props) {
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);

  async function confirm() {
    setPending(true);
    if ((await onConfirm()) === "leaving") return;
    setPending(false);
    setOpen(false);
  }

  return (
    <Dialog open={open} onOpenChange={setOpen} trigger={trigger} title={title} description={description}>
      <ConfirmActions onCancel={() => setOpen(false)} onConfirm={confirm} pending={pending} label={label} pendingLabel={pendingLabel} variant={variant} />
    </Dialog>
  );
}
