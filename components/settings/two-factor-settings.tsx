"use client";

// Settings → Security → two-factor: enable (the password first, then QR code and setup key, confirmed
// with a code, then the recovery codes shown once) and disable (password and a code).
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { apiRequest } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { ConfirmActions, Dialog, DialogActions } from "@/components/ui/dialog";
import { Field, FormError } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { useFormDialog } from "@/components/ui/use-form-dialog";
import type { RecoveryCodes, TwoFactorSetup } from "@/lib/auth/public-account";
import { submittedFields } from "@/components/ui/submitted-fields";


export function EnableTwoFactor() {
  const router = useRouter();
  const toast = useToast();
  const [asking, setAsking] = useState(false);
  // Kept only while the dialog is open: the confirm sends it again with the code.
  const [password, setPassword] = useState("");
  const [setup, setSetup] = useState<TwoFactorSetup | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);
  const [copied, setCopied] = useState(false);

  function close() {
    setAsking(false);
    setSetup(null);
    setPassword("");
    setErrors({});
  }

  async function start(event: FormEvent<HTMLFormElement>) {
    const typed = submittedFields(event, ["password"]).password;
    setErrors({});
    setPending(true);
    const res = await apiRequest<TwoFactorSetup>("POST", "/api/v1/account/two-factor/setup", { password: typed });
    setPending(false);
    if (!res.ok) return setErrors(res.error.fields ?? { _: res.error.message });
    setPassword(typed);
    setAsking(false);
    setSetup(res.data);
  }

  async function confirm(event: FormEvent<HTMLFormElement>) {
    const code = submittedFields(event, ["code"]).code.trim();
    setErrors({});
    setPending(true);
    const res = await apiRequest<RecoveryCodes>("POST", "/api/v1/account/two-factor", { password, code });
    setPending(false);
    if (!res.ok) return setErrors(res.error.fields?.code ? res.error.fields : { _: res.error.fields?.password ?? res.error.message });
    close();
    setCodes(res.data.recoveryCodes);
  }

  async function copyCodes() {
    if (!codes) return;
    await navigator.clipboard.writeText(codes.join("\n")).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  }

  function done() {
    setCodes(null);
    setCopied(false);
    toast({ tone: "success", title: "Two-factor authentication is on" });
    router.refresh();
  }

  return (
    <>
      <Button variant="primary" onClick={() => setAsking(true)}>
        Enable two-factor authentication
      </Button>
      <Dialog
        open={asking || setup !== null}
        onOpenChange={(open) => !open && close()}
        title="Enable two-factor authentication"
        description="Scan the QR code with an authenticator app (1Password, Google Authenticator, Authy…), or type the setup key into it. Then enter the 6-digit code it shows."
        dismissOnOutsideClick={false}
      >
        {!setup && (
          <form onSubmit={start} noValidate className="space-y-4">
            <Field label="Password" name="password" type="password" autoComplete="current-password" error={errors.password} required autoFocus />
            <FormError>{errors._}</FormError>
            <ConfirmActions onCancel={close} pending={pending} label="Continue" pendingLabel="Checking…" variant="primary" />
          </form>
        )}
        {setup && (
          <form onSubmit={confirm} noValidate className="space-y-4">
            {/* The SVG is drawn on the server; as an image it cannot run script. */}
            <img
              src={`data:image/svg+xml;base64,${btoa(setup.qrSvg)}`}
              alt="QR code for your authenticator app"
              width={192}
              height={192}
              className="mx-auto rounded-md bg-white p-2"
            />
            <dl>
              <dt className="text-sm font-medium">Setup key</dt>
              <dd className="mt-1 rounded-md bg-surface-muted px-3 py-2 font-mono text-[13px] break-all" data-testid="setup-key">
                {setup.secret}
              </dd>
            </dl>
            <Field label="Authentication code" name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} error={errors.code} required autoFocus />
            <FormError>{errors._}</FormError>
            <ConfirmActions onCancel={close} pending={pending} label="Enable" pendingLabel="Checking…" variant="primary" />
          </form>
        )}
      </Dialog>
      <Dialog
        open={codes !== null}
        onOpenChange={(open) => !open && done()}
        title="Recovery codes"
        description="Each code signs you in once if you lose your authenticator app. They are shown only now: store them somewhere safe."
        dismissOnOutsideClick={false}
      >
        <ol aria-label="Recovery codes" className="grid grid-cols-2 gap-2 rounded-md bg-surface-muted p-3 font-mono text-[13px]">
          {codes?.map((code) => (
            <li key={code}>{code}</li>
          ))}
        </ol>
        <DialogActions>
          <Button onClick={copyCodes}>{copied ? "Copied" : "Copy codes"}</Button>
          <Button variant="primary" onClick={done}>
            Done
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}

export function DisableTwoFactor() {
  const router = useRouter();
  const toast = useToast();
  const dialog = useFormDialog();
  const { errors } = dialog;

  async function submit(event: FormEvent<HTMLFormElement>) {
    const body = submittedFields(event, ["password", "code"]);
    if (!(await dialog.submit(() => apiRequest<null>("POST", "/api/v1/account/two-factor/disable", body)))) return;
    dialog.close();
    toast({ tone: "success", title: "Two-factor authentication is off" });
    router.refresh();
  }

  return (
    <Dialog
      open={dialog.open}
      onOpenChange={dialog.onOpenChange}
      trigger={<Button>Disable two-factor authentication</Button>}
      title="Disable two-factor authentication"
      description="Signing in will need only your password. Confirm with your password and a current code."
    >
      <form onSubmit={submit} noValidate className="space-y-4">
        <Field label="Password" name="password" type="password" autoComplete="current-password" error={errors.password} required autoFocus />
        <Field label="Authentication code" name="code" autoComplete="one-time-code" error={errors.code} hint="From your app, or a recovery code." required />
        <FormError>{errors._}</FormError>
        <ConfirmActions onCancel={dialog.close} pending={dialog.pending} label="Disable" pendingLabel="Disabling…" />
      </form>
    </Dialog>
  );
}
