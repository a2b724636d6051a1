// Response shapes from DESIGN §4, as the tests read them.
export type Endpoint = {
  id: string;
  url: string;
  description: string;
  status: "enabled" | "disabled";
  eventTypes: string[];
  createdAt: string;
  updatedAt: string;
  disabledReason: string | null;
  health: { state: "healthy" | "paused"; pausedUntil: string | null; consecutiveFailures: number; lastError: string | null };
  headers: Record<string, string>;
  signatureCheck: { acceptsInvalidSignature: boolean; checkedAt: string } | null;
};
export type CreatedEndpoint = Endpoint & { secret: string };
export type ApiErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };
export type TestResult = {
  delivered: boolean;
  statusCode: number | null;
  durationMs: number;
  responseBody: string | null;
  error: string | null;
  errorKind?: string | null;
  eventId?: string;
};

export const ENDPOINT_KEYS = ["createdAt", "description", "disabledReason", "eventTypes", "headers", "health", "id", "signatureCheck", "status", "updatedAt", "url"];
