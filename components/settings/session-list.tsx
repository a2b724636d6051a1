"use client";

// Settings → Security → the browsers signed in to this account (device, address, last seen), this one
// marked "This device", each with its own Sign out. Signing this one out leaves for the login page.
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useState } from "react";
import { apiRequest, signOut } from "@/components/api-client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { InlineError } from "@/components/ui/inline-error";
import { RelativeTime } from "@/components/ui/relative-time";
import { useToast } from "@/components/ui/toast";
import type { PublicSession, PublicSessionList } from "@/lib/auth/public-session";

type State = { kind: "loading" } | { kind: "error"; message: string } | { kind: "ready"; sessions: PublicSession[]; now: Date };

export function SessionList() {
  const router = useRouter();
  const toast = useToast();
  const [state, setState] = useState<State>({ kind: "loading" });
  const [ending, setEnding] = useState<string | null>(null);

  const load = useCallback(async () => {
    const res = await apiRequest<PublicSessionList>("GET", "/api/v1/account/sessions");
    setState(res.ok ? { kind: "ready", sessions: res.data.data, now: new Date() } : { kind: "error", message: res.error.message });
  }, []);

  useEffect(() => {
    // The first load only; later ones follow a Sign out or a Retry.
    void load();
  }, [load]);

  async function end(session: PublicSession) {
    setEnding(session.id);
    const res = await apiRequest<null>("DELETE", `/api/v1/account/sessions/${session.id}`);
    if (session.current && (res.ok || res.status === 401)) {
      await signOut(); // this browser's cookie (its session is already revoked)
      router.replace("/login");
      router.refresh();
      return;
    }
    setEnding(null);
    if (res.ok || res.status === 404) toast({ tone: "success", title: "Session signed out", description: `${session.device}${session.ip ? `, ${session.ip}` : ""}` });
    else toast({ tone: "error", title: "Session not signed out", description: res.error.message });
    await load();
  }

  if (state.kind === "loading") return <p className="p-4 text-sm text-muted sm:p-5">Loading sessions…</p>;
  if (state.kind === "error")
    return (
      <div className="p-4 sm:p-5">
        <InlineError title="Sessions could not be loaded" message={state.message} onRetry={() => void load()} />
      </div>
    );

  return (
    <ul aria-label="Signed-in sessions" className="divide-y divide-border">
      {state.sessions.map((s) => (
        <li key={s.id} className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-center sm:justify-between sm:px-5">
          <div className="min-w-0">
            <p className="flex flex-wrap items-center gap-2 text-sm font-medium">
              {s.device}
              {s.current && <Badge tone="success">This device</Badge>}
            </p>
            <p className="mt-0.5 text-[13px] text-muted">
              {s.ip ?? "Unknown address"} · signed in <RelativeTime iso={s.createdAt} now={state.now} />
              {s.lastSeenAt && (
                <>
                  {" "}
                  · last seen <RelativeTime iso={s.lastSeenAt} now={state.now} />
                </>
              )}
            </p>
          </div>
          <Button
            size="sm"
            variant="ghost"
            className="self-start hover:text-danger sm:self-auto"
            onClick={() => void end(s)}
            disabled={ending !== null}
            aria-label={s.current ? "Sign out this device" : `Sign out ${s.device}, ${s.ip ?? "unknown address"}`}
          >
            {ending === s.id ? "Signing out…" : "Sign out"}
          </Button>
        </li>
      ))}
    </ul>
  );
}
