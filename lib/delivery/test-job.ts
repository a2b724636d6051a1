// For the engine's unit tests: a claimed job of an enabled endpoint with every field set and ids of its
// own; a test overrides only what it is about.
import type { Job } from "./job";

let seq = 0;

export function testJob(overrides: Partial<Job> = {}): Job {
  const n = ++seq;
  return {
    deliveryId: `dlv_${n}`,
    eventId: `evt_${n}`,
    endpointId: "ep_1",
    merchantId: "mer_1",
    attemptCount: 0,
    payload: '{"type":"checkout_session.completed"}',
    isTest: false,
    eventCreatedAt: new Date(),
    url: "https://merchant.example/webhooks",
    endpointStatus: "enabled",
    secretCiphertext: "v1:not-a-real-ciphertext",
    previousSecretCiphertext: null,
    previousSecretExpiresAt: null,
    previousSecrets: null,
    headersCiphertext: null,
    leaseOwner: "worker-a",
    leaseToken: 1,
    manual: false,
    isProbe: false,
    ...overrides,
  };
}
