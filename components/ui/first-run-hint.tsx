/** Shown above every dashboard page while the world is empty, so a fresh database reads as "start here", not as broken. */
export function FirstRunHint() {
  const code = "rounded bg-white px-1 py-0.5 font-mono text-[12px] text-ink ring-1 ring-brand-100";
  return (
    <section role="note" aria-label="First run" data-testid="first-run-hint" className="shrink-0 border-b border-brand-100 bg-brand-50 px-6 py-3 text-sm text-slate-700 lg:px-8">
      <p className="font-semibold text-ink">This Zoneline has no world yet: no zones, no assets.</p>
      <p className="mt-1">
        Import a world file with <code className={code}>npm run zoneline -- import FILE</code> (for a start,{" "}
        <code className={code}>examples/small.world.json</code>), or restart with <code className={code}>npm start -- --seed</code> to load the demo world.
      </p>
    </section>
  );
}
