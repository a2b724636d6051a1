"use client";

// A tiny toast system: one polite live region, toasts stay ~8 s (errors longer) and can be dismissed.
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { cn } from "./cn";

type Tone = "success" | "error" | "info";
type Toast = { id: number; tone: Tone; title: string; description?: string; count: number };
type ShowToast = (toast: Omit<Toast, "id" | "count">) => void;

const ToastContext = createContext<ShowToast | null>(null);

const DURATION_MS: Record<Tone, number> = { success: 8_000, info: 8_000, error: 12_000 };

const toneClass: Record<Tone, string> = {
  success: "border-l-success",
  error: "border-l-danger",
  info: "border-l-accent",
};

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);
  const timers = useRef(new Map<number, number>());
  // What is on screen now, for the merge check (the state updater may run later than show()).
  const visible = useRef<Toast[]>([]);
  useEffect(() => {
    visible.current = toasts;
  }, [toasts]);

  const dismiss = useCallback((id: number) => {
    timers.current.delete(id);
    setToasts((all) => all.filter((t) => t.id !== id));
  }, []);

  const show = useCallback<ShowToast>(
    (toast) => {
      // The same message again bumps the visible toast (×2, ×3…) and restarts its clock instead of stacking.
      const same = (t: Toast) => t.tone === toast.tone && t.title === toast.title && t.description === toast.description;
      const existing = visible.current.find(same);
      const id = existing?.id ?? nextId.current++;
      // Two identical calls in one tick (a double click) both run before the next render: the second must see the first.
      if (!existing) visible.current = [...visible.current.slice(-3), { ...toast, id, count: 1 }];
      setToasts((all) =>
        all.some((t) => t.id === id) ? all.map((t) => (t.id === id ? { ...t, count: t.count + 1 } : t)) : [...all.slice(-3), { ...toast, id, count: 1 }],
      );
      window.clearTimeout(timers.current.get(id));
      timers.current.set(id, window.setTimeout(() => dismiss(id), DURATION_MS[toast.tone]));
    },
    [dismiss],
  );

  return (
    <ToastContext.Provider value={show}>
      {children}
      <div
        role="status"
        aria-live="polite"
        aria-label="Notifications"
        className="pointer-events-none fixed inset-x-3 bottom-3 z-[60] flex flex-col items-stretch gap-2 sm:inset-x-auto sm:right-5 sm:bottom-5 sm:w-96"
      >
        {toasts.map((t) => (
          <div
            key={t.id}
            className={cn(
              "pointer-events-auto flex items-start gap-3 rounded-lg border border-l-4 border-border bg-surface p-3.5 shadow-lg motion-safe:animate-fade-in",
              toneClass[t.tone],
            )}
          >
            <div className="min-w-0 flex-1">
              <p className="text-sm font-medium">
                {t.title}
                {t.count > 1 && <span className="ml-1.5 rounded bg-surface-muted px-1.5 py-0.5 text-xs text-muted tabular-nums">×{t.count}</span>}
              </p>
              {t.description && <p className="mt-0.5 text-[13px] break-words text-muted">{t.description}</p>}
            </div>
            <button
              type="button"
              onClick={() => dismiss(t.id)}
              aria-label="Dismiss notification"
              className="-m-1 rounded p-1 text-muted hover:bg-surface-muted hover:text-fg"
            >
              <svg aria-hidden viewBox="0 0 16 16" className="size-4" fill="none" stroke="currentColor" strokeWidth="1.6">
                <path d="M4 4l8 8M12 4l-8 8" />
              </svg>
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast(): ShowToast {
  const show = useContext(ToastContext);
  if (!show) throw new Error("useToast must be used inside <ToastProvider>");
  return show;
}
