// Prints the SQL that builds prisma/schema.prisma from an empty database.
import { openSchemaEngine } from "./lib/wasm-schema-engine.ts";

const engine = await openSchemaEngine({ shadow: "pglite" });
process.stdout.write(await engine.diffEmptyToSchema());
engine.free();
process.exit(0);
