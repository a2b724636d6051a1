"use client";

// Change password: the current one, a new one; every other session is signed out.
import { useState, type FormEvent } from "react";
import { apiRequest } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Field, FormError } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";

export function ChangePassword() {
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body = { currentPassword: String(form.get("currentPassword") ?? ""), newPassword: String(form.get("newPassword") ?? "") };
    if (body.newPassword !== String(form.get("confirmPassword") ?? "")) return setErrors({ confirmPassword: "The two new passwords do not match" });
    setErrors({});
    setPending(true);
    const res = await apiRequest<{ endedSessions: number }>("POST", "/api/v1/account/password", body);
    setPending(false);
    if (!res.ok) return setErrors(res.error.fields ?? { _: res.error.message });
    setOpen(false);
    const n = res.data.endedSessions;
    toast({ tone: "success", title: "Password changed", description: n === 0 ? "No other sessions were signed in." : `${n} other session${n === 1 ? " was" : "s were"} signed out.` });
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) setErrors({});
      }}
      trigger={<Button>Change password</Button>}
      title="Change password"
      description="Every other session is signed out; this one stays signed in."
    >
      <form onSubmit={submit} noValidate className="space-y-4">
        <Field label="Current password" name="currentPassword" type="password" autoComplete="current-password" error={errors.currentPassword} required autoFocus />
        <Field label="New password" name="newPassword" type="password" autoComplete="new-password" error={errors.newPassword} hint="At least 10 characters." required />
        <Field label="Confirm new password" name="confirmPassword" type="password" autoComplete="new-password" error={errors.confirmPassword} required />
        <FormError>{errors._}</FormError>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={pending}>
            {pending ? "Changing…" : "Change password"}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
