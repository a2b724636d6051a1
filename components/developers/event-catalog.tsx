// Developers → Event catalog: each event type we send (to webhook endpoints, then to the operational
// webhook), what it means, the JSON Schema of its `data`
// and an example body exactly as delivered.
import { Card } from "@/components/ui/card";
import { Code, CodeBlock } from "@/components/ui/code";
import type { PublicEventType } from "@/lib/openapi/public-event-type";

const anchor = (type: string) => type.replace(/[^a-z0-9]+/gi, "-");

const GROUPS = [
  { channel: "endpoint", title: "Sent to your webhook endpoints", note: "Signed with the endpoint's secret, retried until acknowledged." },
  {
    channel: "operational",
    title: "Sent to the operational webhook",
    note: "Settings → Notifications → Operational webhook: what goes wrong with your endpoints, for your automation. Same signing and retries.",
  },
] as const;

export function EventCatalog({ types }: { types: PublicEventType[] }) {
  return (
    <div className="space-y-6">
      <nav aria-label="Event types" className="flex flex-wrap gap-2">
        {types.map((t) => (
          <a key={t.type} href={`#${anchor(t.type)}`} className="rounded-md border border-border px-2 py-1 font-mono text-xs text-muted hover:text-fg">
            {t.type}
          </a>
        ))}
      </nav>
      {GROUPS.map((group) => (
        <div key={group.channel} className="space-y-4" data-channel={group.channel}>
          <div>
            <h2 className="text-lg font-semibold">{group.title}</h2>
            <p className="mt-1 text-sm text-muted">{group.note}</p>
          </div>
          {types
            .filter((t) => t.channel === group.channel)
            .map((t) => (
              <EventTypeCard key={t.type} t={t} />
            ))}
        </div>
      ))}
    </div>
  );
}

function EventTypeCard({ t }: { t: PublicEventType }) {
  return (
    <section id={anchor(t.type)} aria-labelledby={`${anchor(t.type)}-title`} data-event-type={t.type}>
      <Card>
        <h3 id={`${anchor(t.type)}-title`} className="font-mono text-base font-semibold">
          {t.type}
        </h3>
        <p className="mt-1 text-sm font-medium">{t.summary}</p>
        <p className="mt-2 text-sm text-muted">{t.description}</p>
        {t.object !== null && (
          <p className="mt-2 text-xs text-muted">
            Envelope <Code>object</Code>: <Code>{t.object}</Code>
          </p>
        )}
        <div className="mt-4 grid gap-4 lg:grid-cols-2">
          <div className="min-w-0">
            <h4 className="mb-2 text-sm font-semibold">Example body, as delivered</h4>
            <CodeBlock label={`Example ${t.type} body`} className="max-h-[28rem]">
              {JSON.stringify(t.example, null, 2)}
            </CodeBlock>
          </div>
          <div className="min-w-0">
            <h4 className="mb-2 text-sm font-semibold">
              JSON Schema of <Code>data</Code>
            </h4>
            <CodeBlock label={`JSON Schema of ${t.type} data`} className="max-h-[28rem]">
              {JSON.stringify(t.dataSchema, null, 2)}
            </CodeBlock>
          </div>
        </div>
      </Card>
    </section>
  );
}
