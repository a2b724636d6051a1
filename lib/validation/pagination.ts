// The query every keyset-paginated list takes (lib/api/pagination.ts reads the cursor).
import { z } from "zod";

export const pageQuerySchema = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
