import { PageBody } from "@/components/ui/page";

export default function Loading() {
  return (
    <PageBody>
      <div className="animate-pulse space-y-3" aria-busy="true" aria-label="Loading">
        <div className="h-7 w-48 rounded bg-slate-200" />
        <div className="h-4 w-96 rounded bg-slate-200" />
        <div className="mt-6 h-64 rounded-lg bg-slate-200/70" />
      </div>
    </PageBody>
  );
}
