// CPU time per frame from a Chromium performance trace (what the Performance panel shows as
// Scripting / Rendering / Painting). Wall-clock frame times on a shared machine mostly measure the
// other engineers' load; the CPU the page spends per frame is what a change to the canvas moves.
// Self CPU time (thread time) of every trace event on the page's main thread, by the panel's categories,
// plus the raster work on the renderer's tile workers.

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of a complete event: what the thread spent running, not waiting for a core. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

const SCRIPTING = new Set([
  "EvaluateScript",
  "FunctionCall",
  "TimerFire",
  "EventDispatch",
  "FireAnimationFrame",
  "FireIdleCallback",
  "RunMicrotasks",
  "V8.Execute",
  "v8.run",
  "v8.compile",
  "v8.compileModule",
  "V8.CompileCode",
  "v8.parseOnBackground",
  "MinorGC",
  "MajorGC",
  "V8.GC_SCAVENGER",
  "V8.GCScavenger",
  "V8.GCIncrementalMarking",
  "V8.GCFinalizeMC",
  "V8.GCCompactor",
  "BlinkGC.AtomicPhase",
  "ThreadState::performIdleLazySweep",
  "XHRReadyStateChange",
  "XHRLoad",
  "ResourceReceivedData",
  "ParseHTML",
  "HandlePostMessage",
  "ProfileCall",
  "V8Console::runTask",
]);
const RENDERING = new Set([
  "UpdateLayoutTree",
  "RecalculateStyles",
  "Layout",
  "HitTest",
  "ScrollLayer",
  "UpdateLayerTree",
  "PrePaint",
  "ComputeIntersections",
  "IntersectionObserverController::computeIntersections",
  "ParseAuthorStyleSheet",
  "ScheduleStyleRecalculation",
  "InvalidateLayout",
  "LocalFrameView::RunPostLifecycleSteps",
]);
const PAINTING = new Set(["Paint", "PaintSetup", "PaintImage", "CompositeLayers", "Layerize", "Commit", "UpdateLayer", "Decode Image", "ImageDecodeTask", "Rasterize", "RasterTask", "Draw LazyPixelRef"]);

export type TraceCategory = "scripting" | "rendering" | "painting" | "other";
export function categoryOf(name: string): TraceCategory {
  if (SCRIPTING.has(name) || name.startsWith("V8.GC") || name.startsWith("v8.")) return "scripting";
  if (RENDERING.has(name)) return "rendering";
  if (PAINTING.has(name)) return "painting";
  return "other";
}

/**
 * Exclusive (self) CPU time per event name on one thread, from complete (X) events: nesting by wall
 * time, amounts by thread time (tdur), so time the thread waited for a core on a loaded machine is not counted.
 */
function selfTimes(events: TraceEvent[]): Map<string, number> {
  type Span = { name: string; start: number; end: number; cpu: number };
  const spans: Span[] = [];
  for (const e of events) if (e.ph === "X" && e.dur !== undefined) spans.push({ name: e.name, start: e.ts, end: e.ts + e.dur, cpu: e.tdur ?? e.dur });
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const self = new Map<string, number>();
  const stack: { span: Span; child: number }[] = [];
  const close = (upTo: number) => {
    while (stack.length && stack[stack.length - 1].span.end <= upTo) {
      const top = stack.pop()!;
      const own = top.span.cpu - top.child;
      self.set(top.span.name, (self.get(top.span.name) ?? 0) + Math.max(0, own));
      if (stack.length) stack[stack.length - 1].child += top.span.cpu;
    }
  };
  for (const span of spans) {
    close(span.start);
    stack.push({ span, child: 0 });
  }
  close(Infinity);
  return self;
}

export interface TraceSummary {
  /** Milliseconds of CPU on the page's main thread, by category, divided by `frames`. */
  perFrame: Record<TraceCategory | "mainThread" | "raster" | "display", number>;
  /** The main thread's biggest self-time events (ms per frame), for finding what to fix. */
  top: { name: string; category: TraceCategory; ms: number }[];
}

export function summariseTrace(buffer: Buffer | string, frames: number): TraceSummary {
  const parsed = JSON.parse(buffer.toString()) as TraceEvent[] | { traceEvents: TraceEvent[] };
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const threadName = new Map<string, string>();
  for (const e of events) if (e.ph === "M" && e.name === "thread_name") threadName.set(`${e.pid}:${e.tid}`, e.args?.name ?? "");
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    if (e.ph !== "X") continue;
    const key = `${e.pid}:${e.tid}`;
    (byThread.get(key) ?? byThread.set(key, []).get(key)!).push(e);
  }
  // The page's renderer main thread: the busiest CrRendererMain (a spare renderer may exist, idle).
  let main: string | null = null;
  let busiest = -1;
  for (const [key, list] of byThread) {
    if (threadName.get(key) !== "CrRendererMain") continue;
    const total = list.reduce((n, e) => n + (e.ph === "X" ? (e.dur ?? 0) : 0), 0);
    if (total > busiest) (busiest = total), (main = key);
  }
  const perFrame = { scripting: 0, rendering: 0, painting: 0, other: 0, mainThread: 0, raster: 0, display: 0 };
  const n = Math.max(1, frames);
  const top: TraceSummary["top"] = [];
  if (main) {
    const self = selfTimes(byThread.get(main)!);
    for (const [name, us] of self) {
      const category = categoryOf(name);
      perFrame[category] += us / 1000 / n;
      perFrame.mainThread += us / 1000 / n;
      top.push({ name, category, ms: us / 1000 / n });
    }
    // Off the main thread: the renderer's compositor and raster workers, and the display compositor
    // (software compositing in the GPU process with --disable-gpu) that draws every frame.
    const rendererPid = main.split(":")[0];
    for (const [key, list] of byThread) {
      if (key === main) continue;
      const name = threadName.get(key) ?? "";
      const target = key.startsWith(`${rendererPid}:`) && /Compositor|Worker/.test(name) ? "raster" : /^Viz|CrGpuMain/.test(name) ? "display" : null;
      if (!target) continue;
      for (const us of selfTimes(list).values()) perFrame[target] += us / 1000 / n;
    }
  }
  const r = (x: number) => Math.round(x * 100) / 100;
  for (const k of Object.keys(perFrame) as (keyof typeof perFrame)[]) perFrame[k] = r(perFrame[k]);
  top.sort((a, b) => b.ms - a.ms);
  return { perFrame, top: top.slice(0, 12).map((t) => ({ ...t, ms: r(t.ms) })) };
}
