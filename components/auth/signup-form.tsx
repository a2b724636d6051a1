"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { apiRequest } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { Field, FormError } from "@/components/ui/field";
import { signupSchema } from "@/lib/validation/auth";
import { fieldErrors } from "@/lib/validation/field-errors";

export function SignupForm() {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = signupSchema.safeParse({ name: form.get("name"), email: form.get("email"), password: form.get("password") });
    if (!parsed.success) return setErrors(fieldErrors(parsed.error));
    setPending(true);
    setErrors({});
    const created = await apiRequest("POST", "/api/signup", parsed.data);
    if (!created.ok) {
      setPending(false);
      return setErrors(created.error.fields ?? { _: created.error.message });
    }
    const login = await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirect: false });
    if (!login?.ok || login.error) {
      setPending(false);
      // The same words whether the email already had an account or signing in failed for another reason:
      // sign-up never says which emails have accounts.
      return setErrors({ _: "We could not sign you in with these details. If you already have an account with this email, log in instead." });
    }
    router.replace("/webhooks");
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="mt-6 space-y-4">
      <Field label="Business name" name="name" autoComplete="organization" required autoFocus error={errors.name} />
      <Field label="Email" name="email" type="email" autoComplete="email" required error={errors.email} />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        error={errors.password}
        hint="At least 10 characters."
      />
      <FormError>{errors._}</FormError>
      <Button type="submit" variant="primary" className="w-full" disabled={pending}>
        {pending ? "Creating account…" : "Create account"}
      </Button>
    </form>
  );
}
