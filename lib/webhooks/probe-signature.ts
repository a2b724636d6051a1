// Verify-the-verifier: send the endpoint one request signed with a wrong secret. A receiver that checks
// signatures answers non-2xx; one that answers 2xx would also accept a forger's request. Only on the
// merchant's request, rate limited, through the one outbound path (SSRF guard, custom headers).
import { randomUUID } from "node:crypto";
import { recordAudit, SYSTEM_ACTOR, type Actor } from "@/lib/audit/record-audit";
import { recordSignatureVerdict } from "@/lib/delivery/endpoint-change-tx";
import { sendWebhook } from "@/lib/delivery/send";
import { API_VERSION } from "@/lib/events/catalog";
import { chargeManualSend } from "@/lib/security/manual-send-budget";
import { openHeaders } from "@/lib/crypto/sealed-headers";
import { getEndpointRow } from "./get-endpoint";
import { probeResultSchema, type ProbeResult } from "./public-probe-result";
import { generateSecret } from "@/lib/crypto/signing";

/** Harmless and clearly named: never a checkout_session.* type a naive receiver might act on. */
export const SIGNATURE_PROBE_TYPE = "webhook.signature_probe";


export async function probeSignature(merchantId: string, endpointId: string, actor: Actor = SYSTEM_ACTOR): Promise<ProbeResult> {
  const endpoint = await getEndpointRow(merchantId, endpointId);
  // Its own 5/min per merchant (not per endpoint: delete + recreate buys nothing), plus the shared per-host budget.
  await chargeManualSend(merchantId, endpoint.url, "signature_probe");
  const id = randomUUID();
  const body = JSON.stringify({ id, apiVersion: API_VERSION, created: Date.now(), object: "signatureProbe", type: SIGNATURE_PROBE_TYPE, data: null });
  // A fresh random secret: well-formed, so the request looks real, but no receiver can know it.
  const result = await sendWebhook({ endpointId: endpoint.id, url: endpoint.url, eventId: id, body, secrets: [generateSecret()], headers: openHeaders(endpoint.headersCiphertext) });
  const checkedAt = new Date();
  const acceptsInvalidSignature = result.ok;
  // No answer at all (refused, timeout) says nothing about verification: the last verdict stands. A turn
  // to accepting raises endpoint.signature_unverified with the verdict (lib/delivery/endpoint-change.ts).
  if (result.statusCode !== null) await recordSignatureVerdict(merchantId, endpoint.id, acceptsInvalidSignature, checkedAt);
  await recordAudit({ merchantId, endpointId: endpoint.id, actor, action: "endpoint.signature_probed", detail: { acceptsInvalidSignature, statusCode: result.statusCode } });
  return probeResultSchema.parse({ acceptsInvalidSignature, statusCode: result.statusCode, durationMs: result.durationMs, checkedAt: checkedAt.toISOString(), error: result.errorMessage });
}
