// zoneline token create --name N --scope S [--scope S …] [--expires ISO-8601]
// zoneline token revoke NAME|ID
// API tokens on the database, for a deployment's first pipeline before anyone
// has signed in; the secret is printed once, and the change is audited as "cli".
import { TOKEN_SCOPES } from "@/lib/auth/token-scopes";
import { withDatabase } from "@/server/db/session";
import { prisma } from "@/server/db";
import { AppError } from "@/server/errors";
import { createApiToken, revokeApiToken } from "@/server/tokens/api-tokens";
import { reportCliError } from "../report-error";
import { parseArgs, parseAt, single, UsageError } from "./shared.ts";

const USAGE = `usage: zoneline token create --name NAME --scope SCOPE [--scope SCOPE …] [--expires ISO-8601]
       zoneline token revoke NAME|ID
  scopes: ${TOKEN_SCOPES.join(", ")}`;

export async function run(argv: string[]): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    console.log(USAGE);
    return 0;
  }
  try {
    const [verb, ...rest] = argv;
    if (verb === "create") {
      const args = parseArgs(rest, ["name", "scope", "expires"]);
      if (args.positional.length) throw new UsageError(`unexpected argument ${args.positional.join(" ")}`);
      const name = single(args, "name");
      if (!name) throw new UsageError("--name is required");
      const scopes = args.options.get("scope") ?? [];
      if (scopes.length === 0) throw new UsageError("give at least one --scope");
      const expires = single(args, "expires");
      const created = await withDatabase(() => createApiToken({ system: "cli" }, { name, scopes, expiresAt: expires === undefined ? null : parseAt(expires) }));
      console.error(`created token "${created.name}" (${created.scopes.join(", ")}); the secret below is shown only now:`);
      // the secret alone on stdout, so `TOKEN=$(zoneline token create …)` captures just it
      console.log(created.secret);
      return 0;
    }
    if (verb === "revoke") {
      const args = parseArgs(rest, []);
      if (args.positional.length !== 1) throw new UsageError("expected exactly one token name or id");
      const [which] = args.positional;
      await withDatabase(async () => {
        const token = await prisma().apiToken.findFirst({ where: { OR: [{ id: which }, { name: which }], revokedAt: null }, select: { id: true } });
        if (!token) throw new AppError("NOT_FOUND", `token: no live token named or with id "${which}"`);
        await revokeApiToken({ system: "cli" }, token.id);
      });
      console.log(`revoked token "${which}"`);
      return 0;
    }
    throw new UsageError(verb ? `unknown subcommand "${verb}"` : "expected a subcommand");
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`zoneline token: ${error.message}\n${USAGE}`);
      return 2;
    }
    return reportCliError(error);
  }
}
