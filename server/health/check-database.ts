import { currentDatabaseUrl, DatabaseNotConfiguredError, prisma } from "../db";

export type DatabaseHealth =
  | { ok: true; latencyMs: number; embedded: boolean; migrations: number }
  | {
      ok: false;
      /** What is wrong, in words safe to show anyone: no driver, host or SQL text. */
      message: string;
      /** The driver's own words, for the server log only. */
      detail: string;
    };

/** One cheap round trip with a short deadline, so a dead database is reported instead of hanging a page. */
export async function checkDatabase(timeoutMs = 3_000): Promise<DatabaseHealth> {
  const started = performance.now();
  try {
    const { embedded } = currentDatabaseUrl();
    const probe = prisma().$queryRaw<{ migrations: bigint }[]>`SELECT count(*) AS migrations FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    const [row] = await Promise.race([probe, deadline]).finally(() => clearTimeout(timer));
    return { ok: true, latencyMs: Math.round(performance.now() - started), embedded, migrations: Number(row.migrations) };
  } catch (error) {
    return { ok: false, ...describeDatabaseError(error) };
  }
}

export function describeDatabaseError(error: unknown): { message: string; detail: string } {
  const text = error instanceof Error ? error.message : String(error);
  // Prisma wraps the driver's words after a line about the invocation; the last line says what happened
  const detail = lastLine(text).replace(/^Raw query failed\. Code: `[^`]*`\. Message: /, "").replace(/^`|`$/g, "");
  if (error instanceof DatabaseNotConfiguredError) return { message: error.message, detail };
  if (/_prisma_migrations/.test(text)) return { message: "the database has not been migrated: run `npm run db:migrate`", detail };
  if (/ECONNREFUSED|reach|connect|terminat|timeout|no answer|DatabaseNotReachable/i.test(text)) {
    return { message: "the database is unreachable: check DATABASE_URL and that the server is running", detail };
  }
  return { message: "the database did not answer as expected", detail };
}

const lastLine = (text: string) => text.split("\n").filter((line) => line.trim()).at(-1)?.trim() ?? text;
