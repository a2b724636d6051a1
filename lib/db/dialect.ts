// Which database DATABASE_URL names: `file:` is the embedded SQLite default, `postgres://` or
// `postgresql://` is PostgreSQL. Everything dialect-specific is chosen from this one function.
export type Dialect = "sqlite" | "postgres";

export const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//.test(url);

export function dialectOf(url: string): Dialect {
  if (isPostgresUrl(url)) return "postgres";
  if (url.startsWith("file:")) return "sqlite";
  throw new Error(`DATABASE_URL must be a file: URL (SQLite) or a postgres:// URL, got "${url.split(":")[0]}:"`);
}
