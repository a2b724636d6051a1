// The notification dispatcher and email sender on SQLite (dispatch-suite.ts).
import { dispatchSuite } from "./dispatch-suite";

dispatchSuite("sqlite");
