// The merchant's active API keys (prefix only: the full key was shown once), rendered on the server.
import { DataTable } from "@/components/ui/data-table";
import { RelativeTime } from "@/components/ui/relative-time";
import type { PublicApiKey } from "@/lib/api-keys/public-api-key";
import { RevokeApiKey } from "./revoke-api-key";

const td = "px-3 py-3 sm:first:pl-4 max-sm:p-0";
const label = "text-muted sm:hidden";

export function ApiKeysTable({ keys, now }: { keys: PublicApiKey[]; now: Date }) {
  return (
    <DataTable caption="API keys" columns={["Name", "Key", "Created", "Last used", ""]} stackBelow="sm" minWidth="sm:min-w-[600px]">
      <tbody className="divide-y divide-border max-sm:block">
        {keys.map((key) => (
          <tr key={key.id} className="align-middle max-sm:flex max-sm:flex-wrap max-sm:items-center max-sm:gap-x-4 max-sm:gap-y-1.5 max-sm:p-4">
            <td className={`${td} font-medium break-words max-sm:w-full`}>{key.name}</td>
            <td className={`${td} font-mono text-[13px] whitespace-nowrap`}>{key.prefix}…</td>
            <td className={`${td} text-muted`}>
              <span className={label}>Created </span>
              <RelativeTime iso={key.createdAt} now={now} />
            </td>
            <td className={`${td} text-muted`}>
              <span className={label}>Last used </span>
              {key.lastUsedAt ? <RelativeTime iso={key.lastUsedAt} now={now} /> : "Never"}
            </td>
            <td className="px-3 py-2 text-right max-sm:ml-auto max-sm:p-0">
              <RevokeApiKey id={key.id} name={key.name} prefix={key.prefix} />
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
