// Every documented /api/v1 operation, one list per domain. A new route: add its defineOperation to its
// domain's file (or a new file, listed here); lib/openapi/coverage.test.ts names any route file missing.
import type { OperationSpec } from "../define";
import { accountOperations } from "./account";
import { deliveryOperations } from "./deliveries";
import { developerOperations } from "./developers";
import { eventOperations } from "./events";
import { merchantOperations } from "./merchant";
import { notificationOperations } from "./notifications";
import { webhookOperations } from "./webhooks";

export const OPERATIONS: OperationSpec[] = [
  ...webhookOperations,
  ...deliveryOperations,
  ...eventOperations,
  ...merchantOperations,
  ...accountOperations,
  ...notificationOperations,
  ...developerOperations,
];
