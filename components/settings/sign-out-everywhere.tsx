"use client";

// Sign out of all sessions: every browser signed in to this account, this one included, is signed out.
import { useRouter } from "next/navigation";
import { apiRequest, signOut } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toast";
import type { EndedSessions } from "@/lib/auth/public-account";

export function SignOutEverywhere() {
  const router = useRouter();
  const toast = useToast();

  async function signOutAll() {
    const res = await apiRequest<EndedSessions>("DELETE", "/api/v1/account/sessions");
    if (!res.ok) return toast({ tone: "error", title: "Sessions not signed out", description: res.error.message });
    await signOut(); // clears this browser's cookie (its session is already revoked)
    router.replace("/login");
    router.refresh();
    return "leaving" as const;
  }

  return (
    <ConfirmDialog
      trigger={<Button>Sign out of all sessions</Button>}
      title="Sign out of all sessions?"
      description="Every browser signed in to this account, this one included, is signed out at once. API keys keep working."
      label="Sign out everywhere"
      pendingLabel="Signing out…"
      onConfirm={signOutAll}
    />
  );
}
