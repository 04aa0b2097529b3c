"use client";

import { ErrorState } from "@/components/ui/page-header";
import { PageBody } from "@/components/ui/page";

export default function DashboardError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <PageBody>
      <ErrorState
        title="This page could not be loaded"
        message={`${error.message}${error.digest ? ` (reference ${error.digest})` : ""}. If the database is down, /api/health says so.`}
      />
      <button onClick={reset} className="mt-4 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50">
        Try again
      </button>
    </PageBody>
  );
}
