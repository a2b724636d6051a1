import path from "node:path";

/** Turns `file:./.data/dashx.db` into an absolute path, relative paths resolved from the project root (cwd). */
export function sqliteFilePath(databaseUrl: string): string {
  if (!databaseUrl.startsWith("file:")) {
    throw new Error(`DATABASE_URL must be a file: URL for SQLite, got "${databaseUrl.split(":")[0]}:"`);
  }
  const raw = databaseUrl.slice("file:".length).split("?")[0];
  return path.isAbsolute(raw) ? raw : path.resolve(/*turbopackIgnore: true*/ process.cwd(), raw);
}
