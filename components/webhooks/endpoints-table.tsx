import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { DataTable } from "@/components/ui/data-table";
import { RelativeTime } from "@/components/ui/relative-time";
import { formatLatency } from "@/lib/duration";
import { formatSuccessRate } from "@/lib/webhooks/endpoint-state";
import { EndpointActions } from "./endpoint-actions";
import { HealthSummary } from "./endpoint-health";
import { LastTestResult, RowTestProvider } from "./test-result";
import type { Endpoint } from "./types";

// Below `sm` every row becomes a stacked card, so a 320 px screen never needs to scroll sideways.
const td = "px-3 py-3 sm:first:pl-4 max-sm:p-0";

function EventFilter({ types }: { types: string[] }) {
  if (types.length === 0) return <span className="whitespace-nowrap text-muted">All events</span>;
  return (
    <ul className="flex flex-wrap gap-1">
      {types.map((t) => (
        <li key={t} className="rounded bg-surface-muted px-1.5 py-0.5 font-mono text-xs whitespace-nowrap">
          {t.replace("checkout_session.", "")}
        </li>
      ))}
    </ul>
  );
}

function SuccessRate({ rate }: { rate: number | null | undefined }) {
  if (rate === null || rate === undefined) return <span className="text-muted" title="No attempts in the last 24 hours">—</span>;
  return <span className={rate >= 0.95 ? "text-success" : rate >= 0.5 ? "text-warning" : "text-danger"}>{formatSuccessRate(rate)}</span>;
}

/** Server-rendered endpoint list; only the row actions and test outcome are client components. */
type Props = {
  endpoints: Endpoint[];
  successRates: Record<string, number | null>;
  p95: Record<string, number | null>;
  /** Real attempts failed in a row (failures-in-a-row.ts), for the Failing state. */
  failures: Record<string, number>;
};

const columns = [
  "Endpoint",
  "Status",
  "Events",
  <>
    Success <span className="sr-only">rate, last 24 hours</span>
    <span aria-hidden className="block text-[11px] normal-case">24 h</span>
  </>,
  <>
    p95 <span className="sr-only">latency, last 24 hours</span>
    <span aria-hidden className="block text-[11px] normal-case">24 h</span>
  </>,
  "Created",
  "",
];

export function EndpointsTable({ endpoints, successRates, p95, failures }: Props) {
  const now = new Date();
  return (
    <DataTable caption="Webhook endpoints" columns={columns} stackBelow="sm" minWidth="sm:min-w-[800px]" className="relative">
      <tbody className="divide-y divide-border max-sm:block">
        {endpoints.map((endpoint) => (
          <tr
            key={endpoint.id}
            className="group align-top transition-colors focus-within:bg-surface-muted/50 hover:bg-surface-muted/50 max-sm:flex max-sm:flex-wrap max-sm:items-center max-sm:gap-x-3 max-sm:gap-y-2 max-sm:p-4"
          >
            <RowTestProvider>
              <td className={`${td} w-full max-w-0 max-sm:max-w-none`}>
                <Link
                  href={`/webhooks/${endpoint.id}`}
                  className="block truncate font-mono text-[13px] hover:text-accent hover:underline max-sm:whitespace-normal max-sm:break-all"
                  title={endpoint.url}
                >
                  {endpoint.url}
                </Link>
                {endpoint.description && (
                  <span className="mt-0.5 block truncate text-[13px] text-muted max-sm:whitespace-normal" title={endpoint.description}>
                    {endpoint.description}
                  </span>
                )}
                <LastTestResult />
              </td>
              <td className={`${td} sm:min-w-60`}>
                {endpoint.status === "enabled" ? (
                  <Badge tone="success">Enabled</Badge>
                ) : (
                  <Badge tone="neutral" title={endpoint.disabledReason ?? undefined}>
                    Disabled
                  </Badge>
                )}
                {endpoint.signatureCheck?.acceptsInvalidSignature && (
                  <span className="mt-1 block">
                    <Badge tone="danger" title="This endpoint answered 2xx to a request signed with a wrong secret. Open it to see what to do.">
                      Accepts forged requests
                    </Badge>
                  </span>
                )}
                {endpoint.status === "disabled" && endpoint.disabledReason && (
                  <p className="mt-1 w-56 max-w-full text-xs break-words text-muted">{endpoint.disabledReason}</p>
                )}
                <HealthSummary endpoint={endpoint} failures={failures[endpoint.id] ?? 0} />
              </td>
              <td className={td}>
                <EventFilter types={endpoint.eventTypes} />
              </td>
              <td className={`${td} whitespace-nowrap`}>
                <span className="text-muted sm:hidden">Success (24 h) </span>
                <SuccessRate rate={successRates[endpoint.id]} />
              </td>
              <td className={`${td} whitespace-nowrap tabular-nums`}>
                <span className="text-muted sm:hidden">p95 (24 h) </span>
                {p95[endpoint.id] == null ? <span className="text-muted" title="No attempts in the last 24 hours">—</span> : formatLatency(p95[endpoint.id])}
              </td>
              <td className={`${td} text-muted`}>
                <span className="sm:hidden">Created </span>
                <RelativeTime iso={endpoint.createdAt} now={now} />
              </td>
              {/* With a mouse the actions float over the row's end on hover or focus, so the column reserves no width. */}
              <td className="px-3 py-2 max-sm:w-full max-sm:p-0 max-sm:pt-1 sm:mouse:relative sm:mouse:w-0 sm:mouse:p-0">
                <EndpointActions endpoint={endpoint} />
              </td>
            </RowTestProvider>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
