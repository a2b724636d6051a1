"use client";

import { RouteError } from "@/components/dashboard/route-error";

export default function SettingsError({ retry }: { error: unknown; retry: () => void }) {
  return <RouteError title="Your settings could not be loaded" retry={retry} />;
}
