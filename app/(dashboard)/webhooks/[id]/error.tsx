"use client";

import { RouteError } from "@/components/dashboard/route-error";

export default function EndpointError({ retry }: { error: unknown; retry: () => void }) {
  return <RouteError title="This endpoint could not be loaded" retry={retry} />;
}
