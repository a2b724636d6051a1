/**
 * Whether an endpoint subscribed to `type`: its filter (Endpoint.eventTypes, a JSON array, as parsed
 * from the column) lists the type, or is empty, which means every type. Applied in code so both
 * databases follow one rule.
 */
export function acceptsEventType(types: unknown, type: string): boolean {
  return !Array.isArray(types) || types.length === 0 || types.includes(type);
}
