// GET /api/v1/event-types : the event catalog (public): each type's description, JSON Schema of `data`, example body as delivered.
import { NextResponse } from "next/server";
import { eventTypes } from "@/lib/openapi/event-types";

export const GET = () => NextResponse.json(eventTypes(), { headers: { "cache-control": "public, max-age=300" } });
