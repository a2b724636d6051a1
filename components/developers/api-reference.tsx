"use client";

// Developers → API reference: Scalar's API reference (its Vue app in a React wrapper) rendering
// /api/v1/openapi.json from our own bundle. No CDN and no web fonts: it must work offline, and the CSP
// (connect-src 'self', font-src 'self') would refuse them anyway. "Try it" calls this origin, so the
// browser sends the signed-in merchant's own session cookie.
import "@scalar/api-reference-react/style.css";
import dynamic from "next/dynamic";

// The component touches `window` as it loads: client only.
const ApiReferenceReact = dynamic(() => import("@scalar/api-reference-react").then((m) => m.ApiReferenceReact), {
  ssr: false,
  loading: () => <p className="text-sm text-muted" aria-busy="true">Loading the API reference…</p>,
});

export function ApiReference({ documentUrl }: { documentUrl: string }) {
  return (
    <div className="dashx-api-reference -mx-4 sm:-mx-8" data-testid="api-reference">
      <ApiReferenceReact
        configuration={{
          url: documentUrl,
          layout: "classic",
          withDefaultFonts: false,
          hideDarkModeToggle: true,
          hideClientButton: false,
          defaultOpenAllTags: false,
          // The document's server is "/": requests go to this origin with the session cookie.
          baseServerURL: typeof window === "undefined" ? undefined : window.location.origin,
          authentication: { preferredSecurityScheme: "sessionCookie" },
          // Nothing that calls scalar.com: no agent (on by default for local URLs), no telemetry, no dev toolbar.
          agent: { disabled: true },
          telemetry: false,
          showDeveloperTools: "never",
          customCss: ".scalar-app { --scalar-font: ui-sans-serif, system-ui, sans-serif; --scalar-font-code: ui-monospace, SFMono-Regular, Menlo, monospace; }",
        }}
      />
    </div>
  );
}
