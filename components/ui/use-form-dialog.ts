"use client";

// The state every form dialog keeps: open, the inline errors (the API's 422 `fields`, or its message
// under "_"), and pending while the request runs. Closing the dialog clears the errors.
import { useState } from "react";
import type { ApiResult } from "@/components/api-client";

export function useFormDialog() {
  const [open, setOpen] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);

  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (!next) setErrors({});
  };

  /** Runs the request; on a refusal shows its errors inline and returns null, else `{ data }`. */
  async function submit<T>(request: () => Promise<ApiResult<T>>): Promise<{ data: T } | null> {
    setErrors({});
    setPending(true);
    const res = await request();
    setPending(false);
    if (res.ok) return { data: res.data };
    setErrors(res.error.fields ?? { _: res.error.message });
    return null;
  }

  return { open, onOpenChange, close: () => onOpenChange(false), errors, setErrors, pending, submit };
}
