"use client";

// Create API key: a Name, then the full key shown once.
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { apiRequest } from "@/components/api-client";
import { Code } from "@/components/ui/code";
import { CreateButton } from "@/components/ui/create-button";
import { ConfirmActions, Dialog } from "@/components/ui/dialog";
import { Field, FormError } from "@/components/ui/field";
import { RevealOnceDialog } from "@/components/ui/reveal-once-dialog";
import { useToast } from "@/components/ui/toast";
import { useFormDialog } from "@/components/ui/use-form-dialog";
import type { CreatedApiKey } from "@/lib/api-keys/public-api-key";
import { createApiKeySchema } from "@/lib/validation/api-keys";
import { fieldErrors } from "@/lib/validation/field-errors";

export function CreateApiKey({ label = "Create API key" }: { label?: string }) {
  const router = useRouter();
  const toast = useToast();
  const dialog = useFormDialog();
  const { errors } = dialog;
  const [key, setKey] = useState<string | null>(null);
  const button = useRef<HTMLButtonElement>(null);

  async function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // The same schema as the route; the route's 422 fields show the same way.
    const parsed = createApiKeySchema.safeParse({ name: new FormData(event.currentTarget).get("name") ?? "" });
    if (!parsed.success) return dialog.setErrors(fieldErrors(parsed.error));
    const res = await dialog.submit(() => apiRequest<CreatedApiKey>("POST", "/api/v1/api-keys", parsed.data));
    if (!res) return;
    dialog.close();
    setKey(res.data.key);
  }

  return (
    <>
      <Dialog
        open={dialog.open}
        onOpenChange={dialog.onOpenChange}
        trigger={
          <CreateButton ref={button}>{label}</CreateButton>
        }
        title="Create API key"
        description="Your server sends it as a Bearer token to call the DashX merchant API. It has the same access as your dashboard session, except managing API keys."
      >
        <form onSubmit={create} noValidate className="space-y-4">
          <Field
            label="Name"
            name="name"
            placeholder="Production server"
            error={errors.name}
            hint="Helps you recognise the key later, e.g. where it is used."
            autoComplete="off"
            maxLength={100}
            required
            autoFocus
          />
          <FormError>{errors._}</FormError>
          <ConfirmActions onCancel={dialog.close} pending={dialog.pending} label="Create" pendingLabel="Creating…" variant="primary" />
        </form>
      </Dialog>
      <RevealOnceDialog
        value={key}
        title="API key created"
        description={
          <>
            Send it as <Code>Authorization: Bearer dsk_…</Code> from your server.
          </>
        }
        label="API key"
        finalFocus={button}
        onDone={() => {
          setKey(null);
          toast({ tone: "success", title: "API key created" });
          router.refresh();
        }}
        warning={
          <p>
            <strong className="font-semibold">This key is shown only once.</strong> Copy it now into your server&apos;s secret manager. Anyone
            with it can call the API as you; if it leaks, revoke it.
          </p>
        }
      />
    </>
  );
}
