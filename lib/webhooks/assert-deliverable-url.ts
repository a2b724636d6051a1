import { invalidFields } from "@/lib/api/errors";
import { guardOptions } from "@/lib/delivery/send";
import { assertHostAllowed, BlockedTargetError } from "@/lib/delivery/ssrf";

/** Refuses URLs whose host is (or resolves to) an address the delivery guard would block (create and update). */
export async function assertDeliverableUrl(url: string): Promise<void> {
  try {
    await assertHostAllowed(new URL(url), guardOptions());
  } catch (error) {
    if (error instanceof BlockedTargetError) {
      throw invalidFields({ url: "This URL points to a private or reserved network address; use a public address" });
    }
    throw error;
  }
}
