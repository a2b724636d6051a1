import type { ReactNode } from "react";
import { cn } from "./cn";

export const thClass = "px-3 py-2.5 text-left align-bottom text-xs font-medium tracking-wide whitespace-nowrap text-muted uppercase first:pl-4";

// Literal class names, so Tailwind sees them: below the breakpoint rows become stacked cards and the
// header is for screen readers only.
const stacked = {
  sm: { table: "max-sm:block", thead: "max-sm:sr-only" },
  md: { table: "max-md:block", thead: "max-md:sr-only" },
} as const;

type Props = {
  caption: string;
  /** Column headers; an empty string is an unlabelled (actions) column, named for screen readers. */
  columns: ReactNode[];
  /** Below this width each row is a stacked card. */
  stackBelow: keyof typeof stacked;
  /** The table's minimum width above the breakpoint, e.g. "sm:min-w-[600px]". */
  minWidth: string;
  className?: string;
  /** <tbody> elements (one per row when rows expand, or one holding every row). */
  children: ReactNode;
};

/** A list table in a bordered card: a screen-reader caption, one header row, scrolling sideways if it must. */
export function DataTable({ caption, columns, stackBelow, minWidth, className, children }: Props) {
  return (
    <div className={cn("overflow-x-auto rounded-xl border border-border bg-surface shadow-xs", className)}>
      <table className={cn("w-full text-sm", stacked[stackBelow].table, minWidth)}>
        <caption className="sr-only">{caption}</caption>
        <thead className={cn("border-b border-border bg-surface-muted/60", stacked[stackBelow].thead)}>
          <tr>
            {columns.map((column, i) => (
              <th key={i} scope="col" className={thClass}>
                {column === "" ? <span className="sr-only">Actions</span> : column}
              </th>
            ))}
          </tr>
        </thead>
        {children}
      </table>
    </div>
  );
}
