"use client";

// The Signature verification card: has the receiver been seen to refuse a forged signature? Check now
// sends one request signed with a wrong secret (POST /api/v1/webhooks/{id}/probe).
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiRequest } from "@/components/api-client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Code } from "@/components/ui/code";
import { useToast } from "@/components/ui/toast";
import { formatTime } from "@/lib/format-time";
import type { Endpoint, ProbeResult } from "./types";

export const VERIFY_DOCS_URL = "https://dashx.io/docs/webhooks#verify-the-signature";


export function SignatureCheck({ endpoint }: { endpoint: Endpoint }) {
  const router = useRouter();
  const toast = useToast();
  const [pending, setPending] = useState(false);
  const check = endpoint.signatureCheck;

  async function probe() {
    setPending(true);
    const res = await apiRequest<ProbeResult>("POST", `/api/v1/webhooks/${endpoint.id}/probe`);
    setPending(false);
    if (!res.ok) return toast({ tone: "error", title: "Signature check not run", description: res.error.message });
    const r = res.data;
    if (r.statusCode === null) toast({ tone: "error", title: "Could not check the signature verification", description: r.error ?? "No response" });
    else if (r.acceptsInvalidSignature) toast({ tone: "error", title: "Your endpoint accepted a forged request", description: `It answered HTTP ${r.statusCode} to a wrong signature.` });
    else toast({ tone: "success", title: "Signature verification works", description: `Your endpoint refused a wrong signature with HTTP ${r.statusCode}.` });
    router.refresh();
  }

  return (
    <div>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 className="text-sm font-medium">Signature verification</h3>
        {check === null ? (
          <Badge tone="neutral">Not checked</Badge>
        ) : check.acceptsInvalidSignature ? (
          <Badge tone="danger">Accepts forged requests</Badge>
        ) : (
          <Badge tone="success">Verified</Badge>
        )}
      </div>
      {check?.acceptsInvalidSignature ? (
        <div className="mt-2 space-y-1.5 text-[13px]">
          <p className="text-danger">
            Your endpoint answered 2xx to a request signed with a wrong secret, so anyone who knows its URL could send it fake payment events.
          </p>
          <p className="text-muted">
            Verify <Code>webhook-signature</Code> on the raw body before acting on an event, and answer 401 when it does not match. Then check again.
          </p>
        </div>
      ) : (
        <p className="mt-1 text-[13px] text-muted">
          {check === null
            ? "Find out whether your server rejects forged requests. DashX sends one harmless webhook.signature_probe event signed with a wrong secret; a server that verifies signatures refuses it."
            : "Your endpoint refused a request signed with a wrong secret, as it should."}
        </p>
      )}
      {check && (
        <p className="mt-1.5 text-xs text-muted">
          Last checked <time dateTime={check.checkedAt}>{formatTime(check.checkedAt)}</time>
        </p>
      )}
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <Button size="sm" onClick={probe} disabled={pending}>
          {pending ? "Checking…" : "Check now"}
        </Button>
        <a href={VERIFY_DOCS_URL} className="text-[13px] font-medium text-accent hover:underline" target="_blank" rel="noreferrer">
          How to verify signatures
        </a>
      </div>
    </div>
  );
}
