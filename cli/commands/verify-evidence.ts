// zoneline verify-evidence BUNDLE.zip [--against LATER.zip | --live] [--public-key FILE] [--format text|json]
// Checks an evidence bundle without trusting the server that made it: every
// file against the manifest, the audit chain segment recomputed, the signed
// checkpoints checked with the public key, and with --against / --live that
// the segment is still a prefix of the log. Exit 0: verified; 1: a finding
// (each printed, naming the file, entry or checkpoint); 2: bad usage.
// Only --live opens the database.
import fs from "node:fs";
import { verifyEvidenceBundle, type BundleVerification, type VerifyBundleOptions } from "../../lib/evidence/verify-evidence-bundle.ts";
import { internalFailure, parseArgs, single, UsageError } from "./shared.ts";

const USAGE = `usage: zoneline verify-evidence BUNDLE.zip [--against LATER.zip | --live] [--public-key PUBLIC.pem] [--format text|json]

Checks every file of an evidence bundle against its manifest, recomputes the
audit chain segment, checks the signed checkpoints with the bundle's public key
(--public-key: the published key it must be), and, with --against or --live,
that the segment is still a prefix of a later bundle's log or of the database's.
Exit 0 when everything verifies, 1 when something does not (each finding
printed), 2 on bad usage.`;

export async function run(argv: string[]): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    console.log(USAGE);
    return 0;
  }
  let options: VerifyBundleOptions = {};
  let file: string;
  let format: string;
  let live = false;
  try {
    const args = parseArgs(argv, ["against", "public-key", "format"], ["live"]);
    if (args.positional.length !== 1) throw new UsageError(args.positional.length ? `one bundle at a time (got ${args.positional.join(", ")})` : "name the bundle to check");
    file = args.positional[0];
    format = single(args, "format") ?? "text";
    if (format !== "text" && format !== "json") throw new UsageError(`--format: text or json, not "${format}"`);
    const against = single(args, "against");
    live = args.options.has("live");
    if (against && live) throw new UsageError("--against and --live: one or the other");
    for (const [name, path] of [["bundle", file], ["--against", against]] as const) {
      if (path !== undefined && !fs.statSync(path, { throwIfNoEntry: false })?.isFile()) throw new UsageError(`${name}: no such file: ${path}`);
    }
    if (against) options.against = { bundle: { path: against } };
    const keyFile = single(args, "public-key");
    if (keyFile) {
      if (!fs.statSync(keyFile, { throwIfNoEntry: false })?.isFile()) throw new UsageError(`--public-key: no such file: ${keyFile}`);
      options = { ...options, publicKeyPem: fs.readFileSync(keyFile, "utf8") };
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`zoneline verify-evidence: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  try {
    let result: BundleVerification;
    if (live) {
      const { withDatabase } = await import("../../server/db/session.ts");
      const { liveAuditLog } = await import("../../server/evidence/live-audit-log.ts");
      result = await withDatabase(() => verifyEvidenceBundle({ path: file }, { ...options, against: { log: liveAuditLog() } }), { applyMigrations: false });
    } else {
      result = await verifyEvidenceBundle({ path: file }, options);
    }
    if (format === "json") console.log(JSON.stringify(result, null, 2));
    else console.log(describe(file, result));
    return result.ok ? 0 : 1;
  } catch (error) {
    return internalFailure("verify-evidence", error);
  }
}

function describe(file: string, result: BundleVerification): string {
  const { summary } = result;
  const lines: string[] = [];
  if (summary.format) {
    lines.push(`${file}: ${summary.format}, generated ${summary.generatedAt} by ${summary.generatedBy}`);
    lines.push(`  scope: ${summary.scope}${summary.empty ? " (the period holds no data)" : ""}`);
    const segment = summary.segment?.firstSequence ? `entries ${summary.segment.firstSequence} to ${summary.segment.lastSequence}` : "no entries";
    lines.push(`  checked: ${summary.files} files, audit chain ${segment} (${summary.entries} recomputed), ${summary.checkpoints} signed checkpoints, key ${summary.publicKeyFingerprint}`);
    if (summary.against) lines.push(`  against ${summary.against.label}: ${summary.against.compared} entries compared`);
  }
  if (result.ok) {
    lines.push("verified: every file matches the manifest, the chain segment recomputes and every checkpoint signature verifies");
  } else {
    lines.push(`NOT VERIFIED: ${result.findings.length} finding${result.findings.length === 1 ? "" : "s"}`);
    for (const finding of result.findings) {
      const where = [finding.file, finding.sequence !== undefined ? `entry ${finding.sequence}` : null, finding.checkpoint !== undefined ? `checkpoint ${finding.checkpoint}` : null].filter(Boolean).join(", ");
      lines.push(`  [${finding.kind}]${where ? ` (${where})` : ""} ${finding.message}`);
    }
  }
  return lines.join("\n");
}
