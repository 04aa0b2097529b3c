// Preloaded into a `zoneline` child process by the engine benchmark
// (`node --import tsx --import ./bench/cli-stats.ts cli/main.ts …`): at exit it
// writes the command's phase marks and measures, its CPU time and its peak RSS
// to the file named by ZONELINE_STATS_FILE. The CLI itself only places
// performance marks, which cost nothing when nobody reads them.
import fs from "node:fs";

const file = process.env.ZONELINE_STATS_FILE;
if (file) {
  process.on("exit", (code) => {
    const entries: Record<string, number> = {};
    for (const entry of performance.getEntries()) {
      if (entry.name.startsWith("zoneline:")) entries[entry.name.slice("zoneline:".length)] = entry.entryType === "mark" ? entry.startTime : entry.duration;
    }
    const usage = process.resourceUsage();
    fs.writeFileSync(
      file,
      JSON.stringify({ code, entries, peakRssKiB: usage.maxRSS, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, uptimeMs: performance.now() }),
    );
  });
}
