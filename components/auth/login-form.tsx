"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormError } from "@/components/ui/field";

/** next-auth reports the server's 429 (too many attempts) as error "RateLimited", from the URL our route returns. */
function signInError(status: number | undefined, error: string | null | undefined): string {
  if (status === 429 || error === "RateLimited") return "Too many sign-in attempts. Wait a minute and try again.";
  if (status === 401 || error === "CredentialsSignin") return "Incorrect email or password";
  return "Could not sign in. Try again.";
}

export function LoginForm() {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    if (!email || !password) return setError("Enter your email and password");
    setPending(true);
    setError(undefined);
    const result = await signIn("credentials", { email, password, redirect: false });
    if (result?.ok && !result.error) {
      router.replace("/webhooks");
      router.refresh();
      return;
    }
    setPending(false);
    setError(signInError(result?.status, result?.error));
  }

  return (
    <form onSubmit={onSubmit} noValidate className="mt-6 space-y-4">
      <Field label="Email" name="email" type="email" autoComplete="email" required autoFocus />
      <Field label="Password" name="password" type="password" autoComplete="current-password" required />
      <FormError>{error}</FormError>
      <Button type="submit" variant="primary" className="w-full" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
