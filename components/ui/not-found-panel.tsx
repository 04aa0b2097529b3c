import Link from "next/link";

export function NotFoundPanel() {
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-6 py-12 text-center shadow-sm">
      <p className="text-sm font-semibold text-brand-600">404</p>
      <h1 className="mt-1 text-xl font-semibold text-ink">Not found</h1>
      <p className="mt-2 text-sm text-slate-600">There is no such zone, asset or page. It may have been renamed or removed.</p>
      <div className="mt-5 flex justify-center gap-3 text-sm">
        <Link className="rounded-md bg-brand-600 px-3 py-1.5 font-medium text-white hover:bg-brand-700" href="/zones">
          All zones
        </Link>
        <Link className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-50" href="/assets">
          All assets
        </Link>
      </div>
    </div>
  );
}
