import type { Metadata } from "next";
import Link from "next/link";
import { LoginForm } from "@/components/auth/login-form";

export const metadata: Metadata = { title: "Sign in" };

export default function LoginPage() {
  return (
    <>
      <h1 className="text-xl font-semibold tracking-tight">Sign in to DashX</h1>
      <p className="mt-1 text-sm text-muted">Manage your checkout webhooks.</p>
      <LoginForm />
      <p className="mt-6 text-center text-sm text-muted">
        New to DashX?{" "}
        <Link href="/signup" className="font-medium text-accent hover:underline">
          Create an account
        </Link>
      </p>
    </>
  );
}
