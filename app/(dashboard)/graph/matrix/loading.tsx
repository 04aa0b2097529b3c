export default function ZoneMatrixLoading() {
  return (
    <div className="flex h-full flex-col" aria-busy="true">
      <div className="h-[49px] border-b border-slate-200 bg-white" />
      <div className="flex flex-1 items-center justify-center bg-slate-50 text-sm text-slate-600">Counting the flows between zones…</div>
    </div>
  );
}
