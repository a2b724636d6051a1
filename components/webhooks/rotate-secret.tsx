"use client";

// Rotate secret: confirm (explaining the overlap), then show the new secret once.
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { apiRequest } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { ConfirmActions, Dialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { SecretDialog } from "./secret-dialog";
import type { RotatedSecret } from "@/lib/webhooks/public-rotated-secret";

type Props = { endpointId: string; overlap: string };

export function RotateSecret({ endpointId, overlap }: Props) {
  const router = useRouter();
  const toast = useToast();
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const button = useRef<HTMLButtonElement>(null);

  async function rotate() {
    setPending(true);
    const res = await apiRequest<RotatedSecret>("POST", `/api/v1/webhooks/${endpointId}/secret/rotate`);
    setPending(false);
    setConfirming(false);
    if (!res.ok) {
      toast({ tone: "error", title: "Secret not rotated", description: res.error.message });
      return;
    }
    setSecret(res.data.secret);
  }

  return (
    <>
      <Dialog
        open={confirming}
        onOpenChange={setConfirming}
        trigger={
          <Button ref={button} size="sm">
            Rotate secret
          </Button>
        }
        title="Rotate signing secret?"
        description="DashX generates a new secret and shows it to you once."
      >
        <ul className="list-disc space-y-1.5 pl-5 text-sm text-muted">
          <li>
            For the next <strong className="font-semibold text-fg">{overlap}</strong>, every delivery carries two signatures: one with the new
            secret and one with the old, so your server keeps verifying while you deploy the new secret.
          </li>
          <li>After that, only the new secret signs. The current secret cannot be shown again.</li>
        </ul>
        <ConfirmActions onCancel={() => setConfirming(false)} onConfirm={rotate} pending={pending} label="Rotate secret" pendingLabel="Rotating…" variant="primary" />
      </Dialog>
      <SecretDialog
        secret={secret}
        finalFocus={button}
        description={`Your new signing secret. The previous secret keeps signing for ${overlap}, next to this one (as do earlier ones still within their own ${overlap}; at most 5 are kept).`}
        onDone={() => {
          setSecret(null);
          toast({ tone: "success", title: "Signing secret rotated", description: `The previous secret stops signing in ${overlap}.` });
          router.refresh();
        }}
      />
    </>
  );
}
