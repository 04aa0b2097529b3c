// The zoneline command. Each subcommand lives in cli/commands/<name>.ts and is
// imported lazily so that `check` and `admit` (run in pipelines' CI) never load
// Prisma or Next.
type CommandModule = { run(argv: string[]): Promise<number> };

const commands: Record<string, { summary: string; load: () => Promise<CommandModule> }> = {
  check: { summary: "evaluate a world file without a database", load: () => import("./commands/check.ts") },
  admit: { summary: "ask whether a job may read its inputs for a purpose", load: () => import("./commands/admit.ts") },
  import: { summary: "load a world file into the database (all or nothing)", load: () => import("./commands/import.ts") },
  export: { summary: "write the database as a world file", load: () => import("./commands/export.ts") },
  migrate: { summary: "apply pending database migrations", load: () => import("./commands/migrate.ts") },
  lineage: { summary: "record lineage from a SQL file (lineage sql FILE.sql --dialect D --namespace N) or OpenLineage events (lineage openlineage FILE.json|FILE.ndjson [--server URL])", load: () => import("./commands/lineage.ts") },
  seed: { summary: "import the demo world (idempotent)", load: () => import("./commands/seed.ts") },
  user: { summary: "add a user with roles (prints a one-time password)", load: () => import("./commands/user.ts") },
  "verify-evidence": { summary: "check an evidence bundle (ZIP): files, audit chain, checkpoints; --against LATER.zip or --live", load: () => import("./commands/verify-evidence.ts") },
  token: { summary: "create or revoke an API token (prints the secret once)", load: () => import("./commands/token.ts") },
  report: { summary: "write the audit report (PDF) for a period and zones", load: () => import("./commands/report.ts") },
};

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  return [
    "usage: zoneline <command> [options]",
    "",
    ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    "",
    "Run `zoneline <command> --help` for a command's options.",
  ].join("\n");
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h") {
    console.log(usage());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    console.error(`zoneline: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  return (await command.load()).run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Exit 2 means the input was wrong; whatever a command did not handle is ours.
    console.error(`zoneline: internal error: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 3;
  },
);
export {};
