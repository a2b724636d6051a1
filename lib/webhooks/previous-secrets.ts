// Moved to lib/crypto/previous-secrets.ts. Kept only for lib/delivery/deliver.ts's import until that line
// points at lib/crypto too (the engine is being edited elsewhere); then delete this file.
export { activePreviousSecrets, parsePreviousSecrets } from "@/lib/crypto/previous-secrets";
