// GET /api/v1/openapi.json : the OpenAPI 3.1 document of the API and its webhooks (public, as Stripe's and Svix's are).
import { NextResponse } from "next/server";
import { openApiDocument } from "@/lib/openapi/document";

export const GET = () => NextResponse.json(openApiDocument(), { headers: { "cache-control": "public, max-age=300" } });
