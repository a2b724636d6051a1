"use client";

// Shows an endpoint's signing secret exactly once: after Create, and after Rotate secret.
import type { ReactNode, RefObject } from "react";
import { RevealOnceDialog } from "@/components/ui/reveal-once-dialog";

type Props = { secret: string | null; onDone: () => void; finalFocus?: RefObject<HTMLElement | null>; description?: ReactNode };

const DEFAULT_DESCRIPTION = "Use this secret to verify that webhook requests come from DashX (Standard Webhooks signatures).";

export function SecretDialog({ secret, onDone, finalFocus, description = DEFAULT_DESCRIPTION }: Props) {
  return (
    <RevealOnceDialog
      value={secret}
      title="Webhook Secret Key"
      description={description}
      label="Signing secret"
      onDone={onDone}
      finalFocus={finalFocus}
      warning={
        <p>
          <strong className="font-semibold">This secret is shown only once.</strong> Copy it now and store it somewhere safe, such as your
          server&apos;s secret manager. It will never be shown again.
        </p>
      }
    />
  );
}
