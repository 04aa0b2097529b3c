// zoneline user add EMAIL --role R [--role R …] [--name NAME]
// Creates a user on the database (the first admin of a real deployment, say)
// and prints a one-time password; the change is audited as done by "cli".
import { ROLES } from "@/lib/auth/permissions";
import { withDatabase } from "@/server/db/session";
import { createUser } from "@/server/users/manage-users";
import { reportCliError } from "../report-error";
import { parseArgs, single, UsageError } from "./shared.ts";

const USAGE = `usage: zoneline user add EMAIL --role ROLE [--role ROLE …] [--name NAME]\n  roles: ${ROLES.join(", ")}`;

export async function run(argv: string[]): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    console.log(USAGE);
    return 0;
  }
  try {
    const [verb, ...rest] = argv;
    if (verb !== "add") throw new UsageError(verb ? `unknown subcommand "${verb}"` : "expected a subcommand");
    const args = parseArgs(rest, ["role", "name"]);
    if (args.positional.length !== 1) throw new UsageError("expected exactly one email address");
    const email = args.positional[0];
    const roles = args.options.get("role") ?? [];
    if (roles.length === 0) throw new UsageError("give at least one --role");
    const name = single(args, "name") ?? email.split("@")[0];
    const created = await withDatabase(() => createUser({ system: "cli" }, { email, name, roles }));
    console.log(`created ${created.email} (${roles.join(", ")})`);
    console.log(`one-time password: ${created.password}`);
    console.log("It is shown only now. Sign in with it, then ask an admin to reset it if it is lost.");
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`zoneline user: ${error.message}\n${USAGE}`);
      return 2;
    }
    return reportCliError(error);
  }
}
