import { notFound } from "next/navigation";
import { cache } from "react";
import { ApiError } from "@/lib/api/errors";
import { getEndpointRow } from "@/lib/webhooks/get-endpoint";

/** The merchant's endpoint row, or the 404 page (also for another merchant's id). Once per request. */
export const endpointOr404 = cache(async (merchantId: string, id: string) => {
  try {
    return await getEndpointRow(merchantId, id);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) notFound();
    throw error;
  }
});
