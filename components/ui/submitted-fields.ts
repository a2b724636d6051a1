import type { FormEvent } from "react";

/** Stops the browser's own submit and reads the form's text fields by name (a missing field is ""). */
export function submittedFields<K extends string>(event: FormEvent<HTMLFormElement>, names: readonly K[]): Record<K, string> {
  event.preventDefault();
  const form = new FormData(event.currentTarget);
  return Object.fromEntries(names.map((name) => [name, String(form.get(name) ?? "")])) as Record<K, string>;
}
