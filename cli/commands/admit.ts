// zoneline admit WORLD.json --job ID --purpose P --input ID [--input ID …] [--zone ID] [--at ISO-8601]
// zoneline admit --server URL [--token T] --job ID … (the same, answered by a Zoneline server and audited there)
// Exit 0: allowed; 1: denied; 2: invalid input (unknown input, zone or purpose; a refused token); 3: internal failure.
import { admit, AdmissionRequestError, type Admission } from "../../lib/engine/index.ts";
import { internalFailure, loadWorld, parseArgs, parseAt, single, UsageError, AnswerWriter, type Output } from "./shared.ts";

const USAGE = `usage: zoneline admit WORLD.json --job ID --purpose P --input ID [--input ID …] [--zone ID] [--at ISO-8601]
       zoneline admit --server URL [--token T] --job ID --purpose P --input ID [--input ID …] [--zone ID] [--at ISO-8601]
  --token defaults to $ZONELINE_TOKEN (a token with the admission scope)`;

export async function run(argv: string[], out: Output = process.stdout): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    console.log(USAGE);
    return 0;
  }
  try {
    const args = parseArgs(argv, ["job", "purpose", "input", "zone", "at", "server", "token"]);
    const server = single(args, "server");
    if (server === undefined && args.positional.length !== 1) throw new UsageError("expected exactly one world file");
    if (server !== undefined && args.positional.length) throw new UsageError("give a world file or --server, not both");
    const job = single(args, "job");
    const purpose = single(args, "purpose");
    const inputs = args.options.get("input") ?? [];
    if (!job) throw new UsageError("--job is required");
    if (!purpose) throw new UsageError("--purpose is required");
    if (inputs.length === 0) throw new UsageError("at least one --input is required");
    const atText = single(args, "at");
    const at = parseAt(atText);
    const zone = single(args, "zone") ?? null;
    let answer: Admission;
    if (server !== undefined) {
      const token = single(args, "token") ?? process.env.ZONELINE_TOKEN;
      if (!token) throw new UsageError("--server needs --token or $ZONELINE_TOKEN");
      const asked = await askServer(server, token, { job, purpose, inputs, ...(zone ? { zone } : {}), ...(atText ? { at: at.toISOString() } : {}) });
      if (asked === null) return 2;
      answer = asked;
    } else {
      const world = await loadWorld(args.positional[0]);
      if (world === null) return 2;
      answer = admit(world, { job, purpose, inputs, zone, at });
    }
    const writer = new AnswerWriter(out);
    await writer.write(`${JSON.stringify(answer, null, 2)}\n`);
    await writer.end();
    return answer.allowed ? 0 : 1;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`zoneline admit: ${error.message}\n${USAGE}`);
      return 2;
    }
    if (error instanceof AdmissionRequestError) {
      for (const message of error.errors) console.error(`zoneline admit: ${message}`);
      return 2;
    }
    return internalFailure("admit", error);
  }
}

/** POST /api/v1/admission: the answer (with its checkId), or null after printing why the server refused the request. */
async function askServer(server: string, token: string, body: Record<string, unknown>): Promise<Admission | null> {
  let url: URL;
  try {
    url = new URL("/api/v1/admission", server);
  } catch {
    throw new UsageError(`--server: not a URL: "${server}"`);
  }
  const response = await fetch(url, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(body) });
  const answer = (await response.json().catch(() => null)) as (Admission & { message?: string; details?: string[] }) | null;
  if (response.ok && answer) return answer;
  // the server refused the request itself (bad token, unknown input…): invalid input, as for a world file
  if (response.status >= 400 && response.status < 500) {
    for (const message of answer?.details?.length ? answer.details : [answer?.message ?? response.statusText]) console.error(`zoneline admit: ${message} (HTTP ${response.status})`);
    return null;
  }
  throw new Error(`${url} answered HTTP ${response.status}${answer?.message ? `: ${answer.message}` : ""}`);
}
