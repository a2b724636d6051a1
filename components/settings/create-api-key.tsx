"use client";

// Create API key: a Name, then the full key shown once.
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { apiRequest } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { Code } from "@/components/ui/code";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Field, FormError } from "@/components/ui/field";
import { RevealOnceDialog } from "@/components/ui/reveal-once-dialog";
import { useToast } from "@/components/ui/toast";

export function CreateApiKey({ label = "Create API key" }: { label?: string }) {
  const router = useRouter();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);
  const [key, setKey] = useState<string | null>(null);
  const button = useRef<HTMLButtonElement>(null);

  async function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // The route validates with createApiKeySchema (server-only module) and answers 422 fields, shown inline.
    const name = String(new FormData(event.currentTarget).get("name") ?? "");
    setErrors({});
    setPending(true);
    const res = await apiRequest<{ key: string; name: string }>("POST", "/api/v1/api-keys", { name });
    setPending(false);
    if (!res.ok) return setErrors(res.error.fields ?? { _: res.error.message });
    setOpen(false);
    setKey(res.data.key);
  }

  return (
    <>
      <Dialog
        open={open}
        onOpenChange={(o) => {
          setOpen(o);
          if (!o) setErrors({});
        }}
        trigger={
          <Button ref={button} variant="primary">
            <svg aria-hidden viewBox="0 0 16 16" className="size-3.5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
              <path d="M8 3v10M3 8h10" />
            </svg>
            {label}
          </Button>
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
          <DialogActions>
            <Button onClick={() => setOpen(false)}>Cancel</Button>
            <Button type="submit" variant="primary" disabled={pending}>
              {pending ? "Creating…" : "Create"}
            </Button>
          </DialogActions>
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
