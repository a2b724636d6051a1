"use client";

// Which events this endpoint receives: all (also types added later), or a chosen subset.
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { apiRequest } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { EVENT_TYPES } from "@/lib/events/catalog";
import type { Endpoint } from "./types";

export function EventFilterForm({ endpoint }: { endpoint: Endpoint }) {
  const router = useRouter();
  const toast = useToast();
  const id = useId();
  const [mode, setMode] = useState<"all" | "some">(endpoint.eventTypes.length ? "some" : "all");
  const [chosen, setChosen] = useState<string[]>(endpoint.eventTypes.length ? endpoint.eventTypes : [...EVENT_TYPES]);
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (mode === "some" && chosen.length === 0) return setError("Choose at least one event, or send all events");
    setError(undefined);
    setPending(true);
    const eventTypes = mode === "all" || chosen.length === EVENT_TYPES.length ? [] : EVENT_TYPES.filter((t) => chosen.includes(t));
    const res = await apiRequest<Endpoint>("PATCH", `/api/v1/webhooks/${endpoint.id}`, { eventTypes });
    setPending(false);
    if (!res.ok) return setError(res.error.fields?.eventTypes ?? res.error.message);
    if (eventTypes.length === 0) setMode("all");
    toast({ tone: "success", title: "Event filter saved", description: eventTypes.length ? eventTypes.join(", ") : "All events" });
    router.refresh();
  }

  const toggle = (type: string, on: boolean) => setChosen((all) => (on ? [...all, type] : all.filter((t) => t !== type)));

  return (
    <form onSubmit={save} noValidate>
      <fieldset aria-describedby={error ? `${id}-error` : undefined}>
        <legend className="text-sm font-medium">Events to send</legend>
        <div className="mt-2 space-y-2 text-sm">
          <label className="flex items-start gap-2">
            <input type="radio" name="mode" checked={mode === "all"} onChange={() => setMode("all")} className="mt-0.5 size-4 accent-accent" />
            <span>
              All events
              <span className="block text-[13px] text-muted">Includes event types DashX adds later.</span>
            </span>
          </label>
          <label className="flex items-start gap-2">
            <input type="radio" name="mode" checked={mode === "some"} onChange={() => setMode("some")} className="mt-0.5 size-4 accent-accent" />
            <span>Only selected events</span>
          </label>
          <div className="space-y-1.5 pl-6" hidden={mode !== "some"}>
            {EVENT_TYPES.map((type) => (
              <label key={type} className="flex items-center gap-2">
                <input
                  type="checkbox"
                  checked={chosen.includes(type)}
                  onChange={(e) => toggle(type, e.target.checked)}
                  className="size-4 accent-accent"
                />
                <span className="font-mono text-[13px] break-all">{type}</span>
              </label>
            ))}
          </div>
        </div>
        {error && (
          <p id={`${id}-error`} role="alert" className="mt-2 text-[13px] text-danger">
            {error}
          </p>
        )}
      </fieldset>
      <Button type="submit" size="sm" className="mt-3" disabled={pending}>
        {pending ? "Saving…" : "Save event filter"}
      </Button>
    </form>
  );
}
