// Preloaded into a `zoneline` child process by the engine benchmark
// (`node --import tsx --import ./bench/cli-stats.ts cli/main.ts …`): at exit it
// writes the command's phases (the `zoneline:<phase>` measures that
// cli/commands/shared.ts's PhaseClock publishes, wall and CPU milliseconds), its
// CPU time and its peak RSS to the file named by ZONELINE_STATS_FILE.
import fs from "node:fs";

const file = process.env.ZONELINE_STATS_FILE;
if (file) {
  process.on("exit", (code) => {
    const phases: Record<string, { ms: number; cpuMs: number }> = {};
    for (const entry of performance.getEntriesByType("measure")) {
      if (!entry.name.startsWith("zoneline:")) continue;
      const { cpuMs } = (entry as PerformanceEntry & { detail: { cpuMs: number } }).detail;
      phases[entry.name.slice("zoneline:".length)] = { ms: entry.duration, cpuMs };
    }
    const usage = process.resourceUsage();
    const report = { code, phases, peakRssKiB: usage.maxRSS, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 };
    fs.writeFileSync(file, JSON.stringify(report));
  });
}
