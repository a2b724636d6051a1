// next-auth's sign-out endpoint called directly: importing next-auth/react for this one call would add
// its client (~12 KiB gzipped) to every dashboard page. The server revokes the session row too.
export async function signOut(): Promise<void> {
  const { csrfToken } = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
  await fetch("/api/auth/signout", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, json: "true" }),
  });
}
