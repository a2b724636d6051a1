// A ZodError as the API's 422 `fields` and the forms' inline errors: one key rule for both sides.
import type { ZodError } from "zod";

/** First message per field path ("url", "headers.X-Api-Key", "data.object.amountTotal"); "_" for the whole input. */
export function fieldErrors(error: ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "_";
    fields[key] ??= issue.message;
  }
  return fields;
}
