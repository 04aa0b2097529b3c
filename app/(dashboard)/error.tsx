"use client";

import { ErrorState } from "@/components/ui/page-header";
import { PageBody } from "@/components/ui/page";

// What went wrong stays on the server: in production Next sends a server error
// to the browser without its message, only a digest that the server log prints
// beside the error, and an error thrown in the browser may carry anything. So
// the page shows the digest as a reference and never the message (outside
// `next dev`, where the developer is the only reader).
export default function DashboardError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const reference = error.digest ? ` Reference: ${error.digest}.` : "";
  return (
    <PageBody>
      <ErrorState
        title="This page could not be loaded"
        message={`Something went wrong on our side.${reference} If the database is down, /api/health says so.`}
      />
      {process.env.NODE_ENV === "development" ? <pre className="mt-3 whitespace-pre-wrap text-xs text-slate-500">{error.message}</pre> : null}
      <button onClick={reset} className="mt-4 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50">
        Try again
      </button>
    </PageBody>
  );
}
