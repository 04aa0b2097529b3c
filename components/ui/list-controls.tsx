import Link from "next/link";
import { Search } from "lucide-react";

type Params = Record<string, string | undefined>;

function hrefWith(base: string, params: Params, changes: Params): string {
  const merged = { ...params, ...changes };
  const search = new URLSearchParams(Object.entries(merged).filter((entry): entry is [string, string] => !!entry[1]));
  const text = search.toString();
  return text ? `${base}?${text}` : base;
}

/** A plain GET form: search works without JavaScript and the URL can be shared. */
export function SearchForm({
  action,
  q,
  placeholder,
  children,
}: {
  action: string;
  q?: string;
  placeholder: string;
  children?: React.ReactNode;
}) {
  return (
    <form action={action} method="get" role="search" className="mb-4 flex flex-wrap items-center gap-2">
      <label className="relative flex-1 min-w-56">
        <span className="sr-only">Search</span>
        <Search className="pointer-events-none absolute left-2.5 top-1/2 size-4 -translate-y-1/2 text-slate-400" aria-hidden />
        <input
          type="search"
          name="q"
          defaultValue={q}
          placeholder={placeholder}
          className="w-full rounded-md border border-slate-300 bg-white py-1.5 pl-8 pr-3 text-sm shadow-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100"
        />
      </label>
      {children}
      <button type="submit" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-brand-700">
        Search
      </button>
    </form>
  );
}

export function Pagination({ base, params, page, pageCount, total, noun, plural = `${noun}s` }: { base: string; params: Params; page: number; pageCount: number; total: number; noun: string; plural?: string }) {
  return (
    <nav aria-label="Pagination" className="mt-4 flex items-center justify-between text-sm text-slate-600">
      <span>
        {total} {total === 1 ? noun : plural} · page {Math.min(page, pageCount)} of {pageCount}
      </span>
      <span className="flex gap-2">
        {page > 1 ? (
          <Link className="rounded-md border border-slate-300 bg-white px-3 py-1 hover:bg-slate-50" href={hrefWith(base, params, { page: String(page - 1) })} rel="prev">
            Previous
          </Link>
        ) : null}
        {page < pageCount ? (
          <Link className="rounded-md border border-slate-300 bg-white px-3 py-1 hover:bg-slate-50" href={hrefWith(base, params, { page: String(page + 1) })} rel="next">
            Next
          </Link>
        ) : null}
      </span>
    </nav>
  );
}

export const tableClass = "min-w-full divide-y divide-slate-200 text-sm";
export const thClass = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-500";
export const tdClass = "px-3 py-2.5 align-top";
