import Link from "next/link";
import { Grid3x3, Network } from "lucide-react";
import { EMPTY_VIEW, serializeViewState, type ViewState } from "@/lib/graph/view-state";

/** The filters both views share (the rest of the view state — selection, focus, collapsed zones — belongs to the map). */
export function sharedViewQuery(state: Pick<ViewState, "categories" | "violationsOnly">): string {
  return serializeViewState({ ...EMPTY_VIEW, categories: state.categories, violationsOnly: state.violationsOnly });
}

/** Map | Matrix: two views of the same zones and flows, carrying the shared filters across. */
export function GraphViewTabs({ current, state }: { current: "map" | "matrix"; state: Pick<ViewState, "categories" | "violationsOnly"> }) {
  const query = sharedViewQuery(state);
  const tab = (view: "map" | "matrix", href: string, label: string, Icon: typeof Network) => (
    <Link
      href={query ? `${href}?${query}` : href}
      aria-current={current === view ? "page" : undefined}
      className={`inline-flex items-center gap-1.5 rounded px-2 py-1 text-sm font-medium ${current === view ? "bg-white text-slate-900 shadow-sm ring-1 ring-slate-200" : "text-slate-600 hover:text-slate-900"}`}
      data-testid={`view-tab-${view}`}
    >
      <Icon className="size-4" aria-hidden />
      {label}
    </Link>
  );
  return (
    <nav aria-label="Graph views" className="flex items-center gap-0.5 rounded-md bg-slate-100 p-0.5">
      {tab("map", "/graph", "Map", Network)}
      {tab("matrix", "/graph/matrix", "Matrix", Grid3x3)}
    </nav>
  );
}
