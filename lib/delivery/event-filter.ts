/**
 * Whether an endpoint subscribed to `type`: its filter (Endpoint.eventTypes, a JSON array) lists the
 * type, or is empty, which means every type. Applied in code so both databases follow one rule.
 */
export function acceptsEventType(eventTypesJson: string, type: string): boolean {
  const types: unknown = JSON.parse(eventTypesJson);
  return !Array.isArray(types) || types.length === 0 || types.includes(type);
}
