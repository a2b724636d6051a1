import { z } from "zod";
import { eventTypeSchema } from "@/lib/events/catalog";
import { pageQuerySchema } from "./pagination";

export const listEventsQuerySchema = pageQuerySchema.extend({ type: eventTypeSchema.optional() });
export type ListEventsQuery = z.infer<typeof listEventsQuerySchema>;
