// Module hook for scripts/openapi.ts: openapi-typescript builds its output with the TypeScript 5 compiler
// API, which the repo's TypeScript 7 (the native compiler, no JS API) lacks. Only imports made from inside
// openapi-typescript get `typescript-5` (an npm alias of typescript@5); everything else keeps TypeScript 7.
export async function resolve(specifier, context, next) {
  if (specifier === "typescript" && context.parentURL?.includes("/node_modules/openapi-typescript/")) return next("typescript-5", context);
  return next(specifier, context);
}
