// A claimed delivery with what sending it needs (event bytes, endpoint URL and secrets) and the lease
// it was claimed under: every write about it names that lease (owner + fencing token).
export type Job = {
  deliveryId: string;
  eventId: string;
  endpointId: string;
  merchantId: string;
  attemptCount: number;
  payload: string;
  isTest: boolean;
  /** When the event was published (publish→delivery latency). */
  eventCreatedAt: Date;
  url: string;
  endpointStatus: string;
  secretCiphertext: string;
  previousSecretCiphertext: string | null;
  previousSecretExpiresAt: Date | null;
  /** Endpoint.previousSecrets as parsed from the column: every replaced secret still signing (lib/crypto/previous-secrets.ts). */
  previousSecrets: unknown;
  /** The endpoint's custom headers, sealed (lib/crypto/sealed-headers.ts). */
  headersCiphertext: string | null;
  leaseOwner: string;
  /** Delivery.leaseToken after this claim: a record or release under an older token changes nothing. */
  leaseToken: number;
  /** Queued again by Resend/Recover (a RetryRequest row): sent even while the endpoint's breaker is open. */
  manual: boolean;
  /** The one attempt a claim let through when the endpoint's breaker cool-down ended. */
  isProbe: boolean;
};
