// Notes drawn over the canvas: the level-of-detail hint and the last fetch error.

export function LodHint({ omittedUnzoned }: { omittedUnzoned: number }) {
  return (
    <div className="pointer-events-none absolute left-3 top-3 z-10 rounded-md bg-white/90 px-2.5 py-1.5 text-xs text-slate-600 shadow-sm ring-1 ring-slate-200" data-testid="lod-hint">
      Overview: zones and aggregated flows. Zoom in to see assets.
      {omittedUnzoned ? ` ${omittedUnzoned.toLocaleString("en")} unzoned assets appear when zoomed in.` : ""}
    </div>
  );
}

export function FetchError({ message }: { message: string }) {
  return (
    <div className="absolute right-3 top-3 z-10 rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800 ring-1 ring-rose-200" role="alert">
      {message}
    </div>
  );
}
