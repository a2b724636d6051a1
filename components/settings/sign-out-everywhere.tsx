"use client";

// Sign out of all sessions: every browser signed in to this account, this one included, is signed out.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiRequest, signOut } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { ConfirmActions, Dialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import type { EndedSessions } from "@/lib/auth/public-account";

export function SignOutEverywhere() {
  const router = useRouter();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);

  async function signOutAll() {
    setPending(true);
    const res = await apiRequest<EndedSessions>("DELETE", "/api/v1/account/sessions");
    if (!res.ok) {
      setPending(false);
      setOpen(false);
      return toast({ tone: "error", title: "Sessions not signed out", description: res.error.message });
    }
    await signOut(); // clears this browser's cookie (its session is already revoked)
    router.replace("/login");
    router.refresh();
  }

  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      trigger={<Button>Sign out of all sessions</Button>}
      title="Sign out of all sessions?"
      description="Every browser signed in to this account, this one included, is signed out at once. API keys keep working."
    >
      <ConfirmActions onCancel={() => setOpen(false)} onConfirm={signOutAll} pending={pending} label="Sign out everywhere" pendingLabel="Signing out…" />
    </Dialog>
  );
}
