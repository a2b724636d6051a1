"use client";

// A labelled modal dialog on Radix: focus is trapped, Escape closes, the title is its accessible name.
import * as RadixDialog from "@radix-ui/react-dialog";
import type { ReactNode, RefObject } from "react";
import { Button } from "./button";

type DialogProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: ReactNode;
  children: ReactNode;
  /** The button that opens the dialog; focus returns to it on close. */
  trigger?: ReactNode;
  /** Where focus goes on close when the dialog has no trigger. */
  finalFocus?: RefObject<HTMLElement | null>;
  /** Keeps the dialog open on an outside click, for dialogs whose content would be lost. */
  dismissOnOutsideClick?: boolean;
};

export function Dialog({ open, onOpenChange, title, description, children, trigger, finalFocus, dismissOnOutsideClick = true }: DialogProps) {
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      {trigger && <RadixDialog.Trigger asChild>{trigger}</RadixDialog.Trigger>}
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-40 bg-black/40 backdrop-blur-[1px] motion-safe:animate-fade-in" />
        <RadixDialog.Content
          {...(description ? {} : { "aria-describedby": undefined })}
          onPointerDownOutside={dismissOnOutsideClick ? undefined : (e) => e.preventDefault()}
          onCloseAutoFocus={
            finalFocus
              ? (e) => {
                  e.preventDefault();
                  finalFocus.current?.focus();
                }
              : undefined
          }
          className="fixed top-1/2 left-1/2 z-50 max-h-[calc(100dvh-2rem)] w-[calc(100vw-1.5rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-xl border border-border bg-surface p-5 shadow-2xl motion-safe:animate-pop-in sm:p-6"
        >
          <RadixDialog.Title className="text-base font-semibold">{title}</RadixDialog.Title>
          {description && <RadixDialog.Description className="mt-1 text-sm text-muted">{description}</RadixDialog.Description>}
          <div className="mt-5">{children}</div>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

/** Right-aligned action row at the bottom of a dialog; stacks on narrow screens. */
export function DialogActions({ children }: { children: ReactNode }) {
  return <div className="mt-6 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">{children}</div>;
}

type ConfirmProps = {
  onCancel: () => void;
  /** Without it the action is the surrounding form's submit button. */
  onConfirm?: () => void;
  pending: boolean;
  /** The action is not possible yet (nothing to do, an invalid choice); it is disabled while pending anyway. */
  disabled?: boolean;
  label: string;
  pendingLabel: string;
  variant?: "danger" | "primary";
  /** Cancel takes the focus when the dialog opens; by default when there is an onConfirm (a confirm dialog). */
  focusCancel?: boolean;
};

/**
 * A dialog's Cancel + action footer, the action disabled while it runs. A confirm dialog focuses Cancel
 * first (the safe choice); a form's own first field takes the focus instead.
 */
export function ConfirmActions({ onCancel, onConfirm, pending, disabled = false, label, pendingLabel, variant = "danger", focusCancel = onConfirm !== undefined }: ConfirmProps) {
  return (
    <DialogActions>
      <Button onClick={onCancel} autoFocus={focusCancel}>
        Cancel
      </Button>
      <Button type={onConfirm ? "button" : "submit"} variant={variant} onClick={onConfirm} disabled={pending || disabled}>
        {pending ? pendingLabel : label}
      </Button>
    </DialogActions>
  );
}
