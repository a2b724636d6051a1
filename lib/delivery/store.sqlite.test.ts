// The DeliveryStore contract on the embedded SQLite default (lib/delivery/store-conformance.ts).
import { storeConformance } from "./store-conformance";

storeConformance("sqlite");
