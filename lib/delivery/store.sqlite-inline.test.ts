// The DeliveryStore contract on SQLite with the store's batches on the event loop
// (WEBHOOK_SQLITE_THREAD=false); store.sqlite.test.ts runs it with the default, the store's own thread.
import { storeConformance } from "./store-conformance";

process.env.WEBHOOK_SQLITE_THREAD = "false";
storeConformance("sqlite");
