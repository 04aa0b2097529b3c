// `npm run bench`: every benchmark, one after another (they would skew each
// other in parallel on two cores). Each prints its own figures, as ratios to a
// baseline measured in the same run; a summary is written to bench/results/.
// `npm run bench -- engine db` runs a subset.
import fs from "node:fs";
import path from "node:path";

const suites: Record<string, () => Promise<Record<string, unknown>>> = {
  engine: async () => (await import("./engine.ts")).benchEngine(),
  db: async () => (await import("./db.ts")).benchDatabase(),
  graph: async () => (await import("./graph.ts")).benchGraph(),
  auth: async () => (await import("./auth.ts")).benchAuth(),
  paths: async () => (await import("./paths.ts")).benchPaths(),
  sql: async () => (await import("./sql-lineage.ts")).benchSqlLineage(),
  admission: async () => (await import("./admission.ts")).benchAdmission(),
  ingest: async () => (await import("./ingest.ts")).benchIngest(),
  labels: async () => (await import("./label-suggestions.ts")).benchLabelSuggestions(),
  bundle: async () => (await import("./bundle.ts")).benchBundle(),
  evidence: async () => (await import("./evidence.ts")).benchEvidence(),
  report: async () => (await import("./report.ts")).benchReport(),
};

const wanted = process.argv.slice(2).filter((name) => name in suites);
const results: Record<string, unknown> = { at: new Date().toISOString(), node: process.version };
for (const name of wanted.length ? wanted : Object.keys(suites)) {
  console.log(`\n=== ${name} ===`);
  try {
    results[name] = await suites[name]();
  } catch (error) {
    console.error(`${name} failed: ${error instanceof Error ? error.stack : error}`);
    results[name] = { error: String(error) };
  }
}
const dir = path.resolve(import.meta.dirname, "results");
fs.mkdirSync(dir, { recursive: true });
const file = path.join(dir, `bench-${results.at as string}.json`.replace(/:/g, "-"));
fs.writeFileSync(file, JSON.stringify(results, null, 2));
console.log(`\nwrote ${path.relative(process.cwd(), file)}`);
process.exit(0);
