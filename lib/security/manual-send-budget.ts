// The one budget for requests a merchant sends by hand (test sends, Resend, Recover, the signature
// probe): per merchant, so deleting and recreating an endpoint buys nothing, and per target host across
// merchants, so many accounts cannot aim manual sends at one host either.
import { consume } from "./rate-limit";

/** Spends one point of the merchant's and the target host's manual-send budgets; 429 when either is spent. */
export async function chargeManualSend(merchantId: string, url: string, merchantLimit: "test_event" | "signature_probe" = "test_event"): Promise<void> {
  await consume(merchantLimit, merchantId);
  await consume("test_event_target", new URL(url).hostname);
}
