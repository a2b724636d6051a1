// The DeliveryStore contract on PostgreSQL (lib/delivery/store-conformance.ts): a database of its own on
// the local server (TEST_POSTGRES_URL), migrated by the production runner, dropped after.
import { storeConformance } from "./store-conformance";

storeConformance("postgres");
