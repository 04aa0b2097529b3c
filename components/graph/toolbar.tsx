"use client";
import { useEffect, useRef, useState } from "react";
import { ChevronDown, Crosshair, Filter, Search, X } from "lucide-react";
import { searchApiUrl } from "@/lib/graph/query";
import type { GraphSearchResult } from "@/lib/graph/responses";
import type { ViewState } from "@/lib/graph/view-state";
import { GraphViewTabs } from "@/components/zone-matrix/view-tabs";

export function GraphToolbar({
  state,
  zones,
  categories,
  totals,
  focusName,
  onChange,
  onPick,
}: {
  state: ViewState;
  zones: { id: string; name: string; color: string }[];
  categories: string[];
  totals: { assets: number; edges: number; visibleAssets: number; visibleEdges: number };
  focusName: string | null;
  onChange: (next: ViewState) => void;
  onPick: (result: GraphSearchResult) => void;
}) {
  const [query, setQuery] = useState("");
  const [results, setResults] = useState<GraphSearchResult[]>([]);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (!query.trim()) {
      setResults([]);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetch(searchApiUrl(query, { focus: state.focus, depth: state.depth }), { signal: controller.signal })
        .then((r) => r.json())
        .then((body: { results: GraphSearchResult[] }) => setResults(body.results ?? []))
        .catch(() => {});
    }, 120);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query, state.focus, state.depth]);

  const zoneName = new Map(zones.map((z) => [z.id, z.name]));
  const allCollapsed = zones.length > 0 && zones.every((z) => state.collapsed.includes(z.id));
  const filtered = state.zones.length + state.categories.length > 0 || state.violationsOnly || state.focus;

  return (
    <div className="flex flex-wrap items-center gap-2 border-b border-slate-200 bg-white px-4 py-2" role="toolbar" aria-label="Graph view: search, filters and focus" data-testid="graph-toolbar">
      <GraphViewTabs current="map" state={state} />
      <div className="relative">
        <Search className="pointer-events-none absolute left-2 top-1/2 size-4 -translate-y-1/2 text-slate-400" aria-hidden />
        <input
          type="search"
          value={query}
          placeholder="Search assets by name"
          aria-label="Search assets by name"
          className="w-60 rounded-md border border-slate-300 py-1.5 pl-8 pr-2 text-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30"
          onChange={(event) => {
            setQuery(event.target.value);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          onKeyDown={(event) => {
            if (event.key === "Enter" && results[0]) {
              onPick(results[0]);
              setOpen(false);
            }
          }}
        />
        {open && results.length > 0 ? (
          <ul className="absolute left-0 top-full z-20 mt-1 max-h-80 w-80 overflow-y-auto rounded-md border border-slate-200 bg-white py-1 shadow-lg" role="listbox" aria-label="Search results">
            {results.map((r) => (
              <li key={r.id}>
                <button
                  type="button"
                  role="option"
                  aria-selected={false}
                  className="flex w-full flex-col items-start px-3 py-1.5 text-left hover:bg-slate-50"
                  onMouseDown={(event) => event.preventDefault()}
                  onClick={() => {
                    onPick(r);
                    setOpen(false);
                  }}
                >
                  <span className="text-sm font-medium text-slate-900">{r.name}</span>
                  <span className="text-xs text-slate-500">
                    {r.namespace} · {r.zone ? zoneName.get(r.zone) ?? r.zone : "no zone"}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </div>

      <Dropdown label={state.zones.length ? `Zones (${state.zones.length})` : "All zones"} testId="zone-filter">
        {zones.map((z) => (
          <label key={z.id} className="flex cursor-pointer items-center gap-2 px-3 py-1 text-sm hover:bg-slate-50">
            <input
              type="checkbox"
              checked={state.zones.includes(z.id)}
              onChange={(event) =>
                onChange({ ...state, zones: event.target.checked ? [...state.zones, z.id].sort() : state.zones.filter((x) => x !== z.id) })
              }
            />
            <span className="size-2.5 rounded-full" style={{ backgroundColor: z.color }} aria-hidden />
            {z.name}
          </label>
        ))}
      </Dropdown>

      <select
        aria-label="Data category"
        className="max-w-48 rounded-md border border-slate-300 bg-white py-1.5 pl-2 pr-7 text-sm"
        value={state.categories[0] ?? ""}
        onChange={(event) => onChange({ ...state, categories: event.target.value ? [event.target.value] : [] })}
      >
        <option value="">All data categories</option>
        {categories.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>

      <label className="flex cursor-pointer items-center gap-1.5 rounded-md border border-slate-300 px-2 py-1.5 text-sm">
        <input type="checkbox" checked={state.violationsOnly} onChange={(event) => onChange({ ...state, violationsOnly: event.target.checked })} />
        Violations only
      </label>

      {state.focus ? (
        <div className="flex items-center gap-1.5 rounded-md border border-brand-500/40 bg-brand-50 px-2 py-1 text-sm text-brand-700" data-testid="focus-bar">
          <Crosshair className="size-4" aria-hidden />
          Focus: <span className="max-w-40 truncate font-medium">{focusName ?? state.focus}</span>
          <label className="ml-1 flex items-center gap-1">
            depth
            <select
              aria-label="Focus depth"
              className="rounded border border-brand-500/30 bg-white px-1 py-0.5 text-sm"
              value={state.depth === null ? "all" : String(state.depth)}
              onChange={(event) => onChange({ ...state, depth: event.target.value === "all" ? null : Number(event.target.value) })}
            >
              {[1, 2, 3, 5, 10].map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
              <option value="all">unlimited</option>
            </select>
          </label>
          <button type="button" className="rounded p-0.5 hover:bg-brand-100" aria-label="Exit focus mode" onClick={() => onChange({ ...state, focus: null })}>
            <X className="size-4" />
          </button>
        </div>
      ) : null}

      <button
        type="button"
        className="rounded-md border border-slate-300 px-2 py-1.5 text-sm text-slate-700 hover:bg-slate-50"
        onClick={() => onChange({ ...state, collapsed: allCollapsed ? [] : zones.map((z) => z.id) })}
      >
        {allCollapsed ? "Expand all zones" : "Collapse all zones"}
      </button>
      {filtered ? (
        <button
          type="button"
          className="inline-flex items-center gap-1 rounded-md px-2 py-1.5 text-sm text-slate-600 hover:bg-slate-100"
          onClick={() => onChange({ ...state, zones: [], categories: [], violationsOnly: false, focus: null })}
        >
          <Filter className="size-3.5" aria-hidden /> Clear filters
        </button>
      ) : null}
      <span className="ml-auto text-xs text-slate-500" data-testid="graph-totals">
        {totals.visibleAssets === totals.assets
          ? `${totals.assets.toLocaleString("en")} assets · ${totals.edges.toLocaleString("en")} edges`
          : `${totals.visibleAssets.toLocaleString("en")} of ${totals.assets.toLocaleString("en")} assets · ${totals.visibleEdges.toLocaleString("en")} edges`}
      </span>
    </div>
  );
}

function Dropdown({ label, children, testId }: { label: string; children: React.ReactNode; testId: string }) {
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const close = (event: MouseEvent) => {
      if (ref.current && !ref.current.contains(event.target as Node)) ref.current.open = false;
    };
    document.addEventListener("mousedown", close);
    return () => document.removeEventListener("mousedown", close);
  }, []);
  return (
    <details ref={ref} className="relative" data-testid={testId}>
      <summary className="flex cursor-pointer list-none items-center gap-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-700 hover:bg-slate-50">
        {label}
        <ChevronDown className="size-3.5 text-slate-400" aria-hidden />
      </summary>
      <div className="absolute left-0 top-full z-20 mt-1 w-64 rounded-md border border-slate-200 bg-white py-1 shadow-lg">{children}</div>
    </details>
  );
}
