"use client";

// Sign-in: email and password first (a pre-check that creates no session), then, with two-factor on,
// the Authentication code. The sign-in proper sends all three; the server checks them together.
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { apiRequest } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { Field, FormError } from "@/components/ui/field";
import type { LoginPrecheck } from "@/lib/auth/public-account";
import { submittedFields } from "@/components/ui/submitted-fields";

const RATE_LIMITED = "Too many sign-in attempts. Wait a minute and try again.";

/** next-auth reports the server's 429 (too many attempts) as error "RateLimited", from the URL our route returns. */
function signInError(status: number | undefined, error: string | null | undefined, withCode: boolean): string {
  if (status === 429 || error === "RateLimited") return RATE_LIMITED;
  if (status === 401 || error === "CredentialsSignin") return withCode ? "That code is not valid. Enter the current code from your app, or an unused recovery code." : "Incorrect email or password";
  return "Could not sign in. Try again.";
}

export function LoginForm() {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  // Set once the password was accepted and the account asks for a second factor.
  const [credentials, setCredentials] = useState<{ email: string; password: string } | null>(null);

  async function finish(email: string, password: string, code?: string) {
    const result = await signIn("credentials", { email, password, ...(code !== undefined && { code }), redirect: false });
    if (result?.ok && !result.error) {
      router.replace("/webhooks");
      router.refresh();
      return;
    }
    setPending(false);
    setError(signInError(result?.status, result?.error, code !== undefined));
  }

  async function onPassword(event: FormEvent<HTMLFormElement>) {
    const fields = submittedFields(event, ["email", "password"]);
    const email = fields.email.trim();
    const password = fields.password;
    if (!email || !password) return setError("Enter your email and password");
    setPending(true);
    setError(undefined);
    const check = await apiRequest<LoginPrecheck>("POST", "/api/login/precheck", { email, password });
    if (!check.ok) {
      setPending(false);
      return setError(check.status === 429 ? RATE_LIMITED : check.status === 401 || check.status === 422 ? "Incorrect email or password" : check.error.message);
    }
    if (!check.data.twoFactor) return finish(email, password);
    setPending(false);
    setCredentials({ email, password });
  }

  async function onCode(event: FormEvent<HTMLFormElement>) {
    const code = submittedFields(event, ["code"]).code.trim();
    if (!credentials) return;
    if (!code) return setError("Enter the code from your authenticator app");
    setPending(true);
    setError(undefined);
    await finish(credentials.email, credentials.password, code);
  }

  if (credentials) {
    return (
      // Keyed apart from the password form: without the keys React would reuse the password <input> as the
      // code field, keeping the typed password in it (and showing it, as a text field).
      <form key="code" onSubmit={onCode} noValidate className="mt-6 space-y-4">
        <p className="text-sm text-muted">Two-factor authentication is on for {credentials.email}.</p>
        <Field
          label="Authentication code"
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          defaultValue=""
          hint="The 6-digit code from your authenticator app, or one of your recovery codes."
          maxLength={64}
          required
          autoFocus
        />
        <FormError>{error}</FormError>
        <Button type="submit" variant="primary" className="w-full" disabled={pending}>
          {pending ? "Verifying…" : "Verify"}
        </Button>
        <Button
          className="w-full"
          onClick={() => {
            setCredentials(null);
            setError(undefined);
          }}
        >
          Back
        </Button>
      </form>
    );
  }

  return (
    <form key="password" onSubmit={onPassword} noValidate className="mt-6 space-y-4">
      <Field label="Email" name="email" type="email" autoComplete="email" required autoFocus />
      <Field label="Password" name="password" type="password" autoComplete="current-password" required />
      <FormError>{error}</FormError>
      <Button type="submit" variant="primary" className="w-full" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
