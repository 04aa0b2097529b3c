// Sign-in latency (issue "People and decisions"): email + password through
// better-auth's HTTP handler, as the sign-in page posts it (scrypt hash check,
// lockout check, session row), p50/p95 over sequential sign-ins, against a
// baseline from the same run: one session lookup (what every signed-in request costs).
import { createScratchDatabase } from "../server/db/scratch-database.ts";

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

export async function benchAuth({ rounds = 40 } = {}): Promise<Record<string, unknown>> {
  const admin = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const scratch = await createScratchDatabase(admin, "bench_auth");
  process.env.DATABASE_URL = scratch.url;
  try {
    const { migrate } = await import("../server/db/migrate.ts");
    await migrate(scratch.url);
    const { createUser } = await import("../server/users/manage-users.ts");
    const { getAuth } = await import("../server/auth/auth.ts");
    const { disconnectPrisma } = await import("../server/db.ts");
    const password = "bench-password-1";
    await createUser({ system: "cli" }, { email: "bench@example.com", name: "Bench", roles: ["engineer"] }, { password });
    const auth = getAuth();
    const signIn = () =>
      auth.handler(
        new Request("http://bench.local/api/auth/sign-in/email", {
          method: "POST",
          // a distinct address per attempt: the per-address limiter is not what is measured
          headers: { "content-type": "application/json", origin: "http://bench.local", "x-forwarded-for": `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` },
          body: JSON.stringify({ email: "bench@example.com", password }),
        }),
      );
    const first = await signIn();
    if (first.status !== 200) throw new Error(`sign-in failed: ${first.status} ${await first.text()}`);
    const cookie = first.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const signIns: number[] = [];
    const lookups: number[] = [];
    for (let i = 0; i < rounds; i++) {
      let t = performance.now();
      const response = await signIn();
      signIns.push(performance.now() - t);
      if (response.status !== 200) throw new Error(`sign-in ${i} failed: ${response.status}`);
      t = performance.now();
      await auth.api.getSession({ headers: new Headers({ cookie }) });
      lookups.push(performance.now() - t);
    }
    await disconnectPrisma();
    signIns.sort((a, b) => a - b);
    lookups.sort((a, b) => a - b);
    const result = {
      rounds,
      signInP50Ms: +percentile(signIns, 0.5).toFixed(1),
      signInP95Ms: +percentile(signIns, 0.95).toFixed(1),
      sessionLookupP50Ms: +percentile(lookups, 0.5).toFixed(1),
      signInOverSessionLookup: +(percentile(signIns, 0.5) / percentile(lookups, 0.5)).toFixed(1),
    };
    console.log(JSON.stringify(result, null, 2));
    return result;
  } finally {
    await scratch.drop().catch(() => {});
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchAuth();
