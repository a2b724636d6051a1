// Custom request headers at rest: one JSON object sealed with the secret box (values are often API keys
// for the merchant's gateway), opened only to send, and shown with every value masked.
import { ApiError, invalidFields } from "@/lib/api/errors";
import { decrypt, encrypt } from "@/lib/crypto/secret-box";
import { MASKED_HEADER_VALUE, type CustomHeaders } from "@/lib/validation/webhook";

export function sealHeaders(headers: CustomHeaders): string | null {
  return Object.keys(headers).length === 0 ? null : encrypt(JSON.stringify(headers));
}

export function openHeaders(ciphertext: string | null): Record<string, string> {
  if (!ciphertext) return {};
  return JSON.parse(decrypt(ciphertext)) as Record<string, string>;
}

/** Names visible, values never: what the API and the dashboard show. */
export function maskHeaders(ciphertext: string | null): Record<string, string> {
  return Object.fromEntries(Object.keys(openHeaders(ciphertext)).map((name) => [name, MASKED_HEADER_VALUE]));
}

/**
 * The set a PATCH asks for, with each masked value replaced by the value saved under that name, so a
 * merchant can rename or add one header without retyping the others' credentials.
 */
export function resolveHeaders(requested: CustomHeaders, savedCiphertext: string | null): CustomHeaders {
  const saved = openHeaders(savedCiphertext);
  const fields: Record<string, string> = {};
  // Own names only (Object.hasOwn, not `in`): "constructor" must not find Object.prototype's; and
  // fromEntries defines each name as a property, so "__proto__" stays a header, not a prototype.
  const resolved: [string, string][] = [];
  for (const [name, value] of Object.entries(requested)) {
    if (value !== MASKED_HEADER_VALUE) resolved.push([name, value]);
    else if (Object.hasOwn(saved, name)) resolved.push([name, saved[name]]);
    else fields[`headers.${name}`] = "Enter a value";
  }
  if (Object.keys(fields).length > 0) throw invalidFields(fields);
  return Object.fromEntries(resolved);
}

export const HOST_CHANGED_MESSAGE = "Enter the header values again: the URL's host changed";

/**
 * Saved values were given for one origin (scheme, host, port): a URL change to another origin must not
 * carry them there unseen, so the PATCH has to send every value again (no mask, no omitted `headers`).
 */
export function assertHeadersRetyped(savedUrl: string, newUrl: string, savedCiphertext: string | null, requested: CustomHeaders | undefined): void {
  if (!savedCiphertext || new URL(savedUrl).origin === new URL(newUrl).origin) return;
  const fields: Record<string, string> =
    requested === undefined
      ? { headers: HOST_CHANGED_MESSAGE }
      : Object.fromEntries(Object.entries(requested).filter(([, value]) => value === MASKED_HEADER_VALUE).map(([name]) => [`headers.${name}`, "Enter this value again"]));
  if (Object.keys(fields).length > 0) throw new ApiError("validation_failed", HOST_CHANGED_MESSAGE, { fields });
}
