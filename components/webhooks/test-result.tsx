"use client";

// Per-row state for Send Test Event: the row actions write it, the URL cell shows the latest outcome.
import { createContext, useContext, useState, type ReactNode } from "react";
import { describeTestResult, type TestEventResult } from "./types";

type RowTest = { pending: boolean; result?: TestEventResult };
type RowTestContext = { test: RowTest; setTest: (test: RowTest) => void };

const Context = createContext<RowTestContext | null>(null);

export function RowTestProvider({ children }: { children: ReactNode }) {
  const [test, setTest] = useState<RowTest>({ pending: false });
  return <Context.Provider value={{ test, setTest }}>{children}</Context.Provider>;
}

export function useRowTest(): RowTestContext {
  const value = useContext(Context);
  if (!value) throw new Error("useRowTest must be used inside <RowTestProvider>");
  return value;
}

export function LastTestResult() {
  const { test } = useRowTest();
  if (test.pending) return <p className="mt-1 text-xs text-muted">Sending test event…</p>;
  if (!test.result) return null;
  const ok = test.result.delivered;
  return (
    <p className={`mt-1 flex max-w-md items-start gap-1 text-xs whitespace-normal ${ok ? "text-success" : "text-danger"}`}>
      <span aria-hidden>{ok ? "✓" : "✕"}</span>
      <span>
        <span className="sr-only">Last test: </span>
        {describeTestResult(test.result)}
      </span>
    </p>
  );
}
