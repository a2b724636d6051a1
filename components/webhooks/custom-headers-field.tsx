"use client";

// The Custom headers rows of the Create/Edit Webhook form. Saved values are never sent to the browser:
// a saved row shows its name and an empty value box, and left empty it keeps the saved value.
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { cn } from "@/components/ui/cn";
import { MASKED_HEADER_VALUE, MAX_CUSTOM_HEADERS } from "@/lib/validation/webhook";

type Row = { key: number; name: string; saved: boolean };

/** The form's rows as the API's `headers` object (saved rows left empty become "keep"). */
export function readHeaders(form: FormData): Record<string, string> {
  const names = form.getAll("headerName").map(String);
  const values = form.getAll("headerValue").map(String);
  const saved = form.getAll("headerSaved").map(String);
  const headers: Record<string, string> = {};
  names.forEach((raw, i) => {
    const name = raw.trim();
    const value = values[i] ?? "";
    if (name === "" && value === "") return; // an untouched empty row
    headers[name] = value === "" && saved[i] === "1" ? MASKED_HEADER_VALUE : value;
  });
  return headers;
}

type Props = { initial: Record<string, string>; errors: Record<string, string> };

export function CustomHeadersField({ initial, errors }: Props) {
  const id = useId();
  const [rows, setRows] = useState<Row[]>(() => Object.keys(initial).map((name, key) => ({ key, name, saved: true })));
  const [nextKey, setNextKey] = useState(rows.length);
  const setError = errors.headers;
  const add = () => {
    setRows((r) => [...r, { key: nextKey, name: "", saved: false }]);
    setNextKey((k) => k + 1);
  };

  return (
    <fieldset aria-describedby={`${id}-hint`}>
      <legend className="text-sm font-medium">Custom headers</legend>
      <p id={`${id}-hint`} className="mt-1 text-[13px] text-muted">
        Optional, up to {MAX_CUSTOM_HEADERS}. Sent with every delivery (outside the signed content), for example an API key your gateway
        expects. Values are stored encrypted and never shown again.
      </p>
      {rows.length > 0 && (
        <ul className="mt-2 space-y-2">
          {rows.map((row, i) => {
            const error = errors[`headers.${row.name}`];
            const errorId = `${id}-error-${row.key}`;
            return (
              <li key={row.key}>
                <div className="flex gap-2">
                  <input type="hidden" name="headerSaved" value={row.saved ? "1" : "0"} />
                  <input
                    name="headerName"
                    aria-label={`Header ${i + 1} name`}
                    placeholder="X-Api-Key"
                    defaultValue={row.name}
                    onChange={(e) => {
                      const name = e.target.value.trim();
                      setRows((r) => r.map((x) => (x.key === row.key ? { ...x, name } : x)));
                    }}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? errorId : undefined}
                    autoComplete="off"
                    spellCheck={false}
                    className={cn(inputClass, "font-mono text-[13px]")}
                  />
                  <input
                    name="headerValue"
                    type="password"
                    aria-label={`Header ${i + 1} value`}
                    placeholder={row.saved ? "Saved (hidden): type to replace" : "Value"}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? errorId : undefined}
                    autoComplete="off"
                    spellCheck={false}
                    className={cn(inputClass, "font-mono text-[13px]")}
                  />
                  <Button size="sm" variant="ghost" className="h-9" aria-label={`Remove header ${i + 1}`} onClick={() => setRows((r) => r.filter((x) => x.key !== row.key))}>
                    Remove
                  </Button>
                </div>
                {error && (
                  <p id={errorId} className="mt-1 text-[13px] text-danger">
                    {error}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {setError && <p className="mt-1.5 text-[13px] text-danger">{setError}</p>}
      <Button size="sm" className="mt-2" onClick={add} disabled={rows.length >= MAX_CUSTOM_HEADERS}>
        Add header
      </Button>
    </fieldset>
  );
}
