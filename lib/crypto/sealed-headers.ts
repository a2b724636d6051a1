// Custom request headers at rest: one JSON object sealed with the secret box (values are often API keys
// for the merchant's gateway), opened only to send, and shown with every value masked.
import { invalidFields } from "@/lib/api/errors";
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
  const resolved: CustomHeaders = {};
  for (const [name, value] of Object.entries(requested)) {
    if (value !== MASKED_HEADER_VALUE) resolved[name] = value;
    else if (name in saved) resolved[name] = saved[name];
    else fields[`headers.${name}`] = "Enter a value";
  }
  if (Object.keys(fields).length > 0) throw invalidFields(fields);
  return resolved;
}
