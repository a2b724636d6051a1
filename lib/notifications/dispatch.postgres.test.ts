// The notification dispatcher and email sender on PostgreSQL (dispatch-suite.ts): several dispatchers at once.
import { dispatchSuite } from "./dispatch-suite";

dispatchSuite("postgres");
