import fs from "node:fs";
import { serializeWorld } from "@/lib/world";
import { loadWorld } from "@/server/world/load-world";
import { withDatabase } from "@/server/db/session";
import { reportCliError } from "../report-error";

export async function run(argv: string[]): Promise<number> {
  if (argv.includes("--help")) {
    console.log("usage: zoneline export [--out FILE]\n\nWrites the database as a world file (stdout unless --out is given).");
    return 0;
  }
  const outIndex = argv.indexOf("--out");
  const out = outIndex >= 0 ? argv[outIndex + 1] : undefined;
  const stray = argv.filter((_, i) => outIndex < 0 || (i !== outIndex && i !== outIndex + 1));
  if (stray.length) {
    console.error(`zoneline export: unexpected argument ${stray.join(" ")} (usage: zoneline export [--out FILE])`);
    return 2;
  }
  if (outIndex >= 0 && !out) {
    console.error("zoneline: --out needs a file name");
    return 2;
  }
  try {
    const text = serializeWorld(await withDatabase(() => loadWorld()));
    if (out) fs.writeFileSync(out, text);
    else process.stdout.write(text);
    return 0;
  } catch (error) {
    return reportCliError(error);
  }
}
