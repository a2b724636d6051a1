"use client";

// The Endpoint URL / Description / events form shared by the Create and Edit dialogs. It validates
// with the same zod schema as the route handler, then shows the server's 422 `fields` the same way
// (both keyed by lib/validation/field-errors.ts: `headers.X-Api-Key` points at that header's row).
import { useId, useState, type FormEvent } from "react";
import type { z } from "zod";
import { ConfirmActions } from "@/components/ui/dialog";
import { Field, FormError } from "@/components/ui/field";
import { EVENT_TYPES } from "@/lib/events/catalog";
import { fieldErrors } from "@/lib/validation/field-errors";
import type { createWebhookSchema, updateWebhookSchema } from "@/lib/validation/webhook";
import { CustomHeadersField, readHeaders } from "./custom-headers-field";

/** What the form collects: every create field (as the schema takes it), plus the status switch when editing. */
export type WebhookFormValues = Required<z.input<typeof createWebhookSchema>> & Pick<z.input<typeof updateWebhookSchema>, "status">;
export type SubmitOutcome = { fields?: Record<string, string>; message?: string } | void;

type Props = {
  schema: typeof createWebhookSchema | typeof updateWebhookSchema;
  // What is saved: the endpoint's types as stored (the checkboxes show the known ones).
  initial?: Omit<WebhookFormValues, "eventTypes"> & { eventTypes: string[] };
  submitLabel: string;
  pendingLabel: string;
  onSubmit: (values: WebhookFormValues) => Promise<SubmitOutcome>;
  onCancel: () => void;
};

/** Per-row header errors replace the set-level one (the rows say it better, and once). */
function withHeaderErrors(errors: Record<string, string>): Record<string, string> {
  const merged = { ...errors };
  if (Object.keys(merged).some((k) => k.startsWith("headers."))) delete merged.headers;
  return merged;
}

export function WebhookForm({ schema, initial, submitLabel, pendingLabel, onSubmit, onCancel }: Props) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);
  const eventsId = useId();
  const selected = new Set(initial?.eventTypes.length ? initial.eventTypes : EVENT_TYPES);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const ticked = form.getAll("eventTypes");
    const chosen = EVENT_TYPES.filter((type) => ticked.includes(type));
    if (chosen.length === 0) return setErrors({ eventTypes: "Choose at least one event" });
    const values: WebhookFormValues = {
      url: String(form.get("url") ?? ""),
      description: String(form.get("description") ?? ""),
      // Every type ticked is stored as "all events", so new event types reach this endpoint too.
      eventTypes: chosen.length === EVENT_TYPES.length ? [] : chosen,
      headers: readHeaders(form),
      ...(initial?.status && { status: form.get("enabled") ? "enabled" : "disabled" }),
    };
    const parsed = schema.safeParse(values);
    if (!parsed.success) return setErrors(withHeaderErrors(fieldErrors(parsed.error)));
    setErrors({});
    setPending(true);
    const outcome = await onSubmit(values);
    setPending(false);
    if (outcome) setErrors(withHeaderErrors({ ...outcome.fields, ...(outcome.message && { _: outcome.message }) }));
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <Field
        label="Endpoint URL"
        name="url"
        type="url"
        inputMode="url"
        placeholder="https://example.com/webhooks/dashx"
        defaultValue={initial?.url}
        error={errors.url}
        className="font-mono"
        autoComplete="off"
        spellCheck={false}
        required
        autoFocus
      />
      <Field
        label="Description"
        name="description"
        placeholder="Order fulfilment service"
        defaultValue={initial?.description}
        error={errors.description}
        hint="Optional. Helps you tell your endpoints apart."
        autoComplete="off"
      />
      <fieldset aria-describedby={errors.eventTypes ? `${eventsId}-error` : undefined}>
        <legend className="text-sm font-medium">Events to send</legend>
        <div className="mt-2 space-y-1.5">
          {EVENT_TYPES.map((type) => (
            <label key={type} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="eventTypes" value={type} defaultChecked={selected.has(type)} className="size-4 accent-accent" />
              <span className="font-mono text-[13px]">{type}</span>
            </label>
          ))}
        </div>
        {errors.eventTypes && (
          <p id={`${eventsId}-error`} className="mt-1.5 text-[13px] text-danger">
            {errors.eventTypes}
          </p>
        )}
      </fieldset>
      <CustomHeadersField initial={initial?.headers ?? {}} errors={errors} />
      {initial?.status && (
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" name="enabled" defaultChecked={initial.status === "enabled"} className="mt-0.5 size-4 accent-accent" />
          <span>
            <span className="font-medium">Enabled</span>
            <span className="block text-[13px] text-muted">Disabled endpoints receive no events until you enable them again.</span>
          </span>
        </label>
      )}
      <FormError>{errors._}</FormError>
      <ConfirmActions onCancel={onCancel} pending={pending} label={submitLabel} pendingLabel={pendingLabel} variant="primary" />
    </form>
  );
}
