"use client";

import { useRouter } from "next/navigation";
import { apiRequest } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toast";

export function RevokeApiKey({ id, name, prefix }: { id: string; name: string; prefix: string }) {
  const router = useRouter();
  const toast = useToast();

  async function revoke() {
    const res = await apiRequest<null>("DELETE", `/api/v1/api-keys/${id}`);
    if (res.ok || res.status === 404) toast({ tone: "success", title: "API key revoked", description: `${name} (${prefix}…)` });
    else toast({ tone: "error", title: "API key not revoked", description: res.error.message });
    router.refresh();
  }

  return (
    <ConfirmDialog
      trigger={
        <Button size="sm" variant="ghost" className="hover:text-danger" aria-label={`Revoke ${name}`}>
          Revoke
        </Button>
      }
      title="Revoke API key?"
      description={
        <>
          Requests that use <span className="font-medium text-fg">{name}</span> (<span className="font-mono text-fg">{prefix}…</span>) are
          refused from now on. This cannot be undone.
        </>
      }
      label="Revoke"
      pendingLabel="Revoking…"
      onConfirm={revoke}
    />
  );
}
