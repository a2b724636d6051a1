"use client";

// Change password: the current one, a new one; every other session is signed out.
import type { FormEvent } from "react";
import { apiRequest } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { ConfirmActions, Dialog } from "@/components/ui/dialog";
import { Field, FormError } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import type { EndedSessions } from "@/lib/auth/public-account";
import { useFormDialog } from "@/components/ui/use-form-dialog";
import { submittedFields } from "@/components/ui/submitted-fields";

export function ChangePassword() {
  const toast = useToast();
  const dialog = useFormDialog();
  const { errors } = dialog;

  async function submit(event: FormEvent<HTMLFormElement>) {
    const { currentPassword, newPassword, confirmPassword } = submittedFields(event, ["currentPassword", "newPassword", "confirmPassword"]);
    const body = { currentPassword, newPassword };
    if (newPassword !== confirmPassword) return dialog.setErrors({ confirmPassword: "The two new passwords do not match" });
    const res = await dialog.submit(() => apiRequest<EndedSessions>("POST", "/api/v1/account/password", body));
    if (!res) return;
    dialog.close();
    const n = res.data.endedSessions;
    toast({ tone: "success", title: "Password changed", description: n === 0 ? "No other sessions were signed in." : `${n} other session${n === 1 ? " was" : "s were"} signed out.` });
  }

  return (
    <Dialog
      open={dialog.open}
      onOpenChange={dialog.onOpenChange}
      trigger={<Button>Change password</Button>}
      title="Change password"
      description="Every other session is signed out; this one stays signed in."
    >
      <form onSubmit={submit} noValidate className="space-y-4">
        <Field label="Current password" name="currentPassword" type="password" autoComplete="current-password" error={errors.currentPassword} required autoFocus />
        <Field label="New password" name="newPassword" type="password" autoComplete="new-password" error={errors.newPassword} hint="At least 10 characters." required />
        <Field label="Confirm new password" name="confirmPassword" type="password" autoComplete="new-password" error={errors.confirmPassword} required />
        <FormError>{errors._}</FormError>
        <ConfirmActions onCancel={dialog.close} pending={dialog.pending} label="Change password" pendingLabel="Changing…" variant="primary" />
      </form>
    </Dialog>
  );
}
