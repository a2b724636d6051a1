"use client";

import { RouteError } from "@/components/dashboard/route-error";

export default function EventsError({ retry }: { error: unknown; retry: () => void }) {
  return <RouteError title="Your events could not be loaded" retry={retry} />;
}
