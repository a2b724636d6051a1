// Moved to lib/crypto/sealed-headers.ts. Kept only for lib/delivery/deliver.ts's import until that line
// points at lib/crypto too (the engine is being edited elsewhere); then delete this file.
export { openHeaders } from "@/lib/crypto/sealed-headers";
