// The endpoint page's Custom headers card: names as saved, values always masked (they are often credentials).
import type { Endpoint } from "./types";

export function CustomHeadersCard({ endpoint }: { endpoint: Endpoint }) {
  const names = Object.keys(endpoint.headers);
  return (
    <div>
      <h3 className="text-sm font-medium">Custom headers</h3>
      <p className="mt-1 text-[13px] text-muted">
        Sent with every delivery and test event, outside the signed content. Values are stored encrypted and never shown; change them with Edit.
      </p>
      {names.length === 0 ? (
        <p className="mt-2 text-[13px] text-muted">None.</p>
      ) : (
        <ul aria-label="Custom headers" className="mt-2 space-y-1">
          {names.map((name) => (
            <li key={name} className="flex gap-2 font-mono text-[13px]">
              <span className="break-all">{name}:</span>
              <span className="text-muted" aria-label="value hidden">
                {endpoint.headers[name]}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
