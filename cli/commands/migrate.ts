import { withDatabase } from "@/server/db/session";
import { migrate } from "@/server/db/migrate";

export async function run(argv: string[]): Promise<number> {
  if (argv.includes("--help")) {
    console.log("usage: zoneline migrate [--status]\n\nApplies pending migrations from prisma/migrations (DATABASE_URL, else the embedded database).");
    return 0;
  }
  const statusOnly = argv.includes("--status");
  return withDatabase(
    async (url) => {
      const result = await migrate(url, { statusOnly });
      for (const warning of result.warnings) console.warn(`warning: ${warning}`);
      if (statusOnly) console.log(`pending: ${result.pending.join(", ") || "none"}`);
      else if (result.applied.length) for (const name of result.applied) console.log(`applied ${name}`);
      else console.log("The database is up to date.");
      return 0;
    },
    { applyMigrations: false },
  );
}
