/** A database URL without its password (a PostgreSQL URL may carry one), for the lines a start prints. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
}
