// Coalesced evaluation after ingestion: at most one run in flight per
// process, writes that arrive meanwhile cause exactly one more, failures stay
// contained. Against a real database (the runs are counted in EvaluationRun).
import { describe, expect, it } from "vitest";
import { disconnectPrisma, prisma } from "@/server/db";
import { useTestDatabase } from "@/test/use-database";
import { pauseAfterRun, scheduleEvaluation, whenEvaluationsSettled } from "./schedule-evaluation";

useTestDatabase("schedule");

const runs = (trigger: string) => prisma().evaluationRun.findMany({ where: { trigger }, orderBy: { id: "asc" }, select: { actor: true } });

describe("scheduleEvaluation", () => {
  it("five requests while one runs: the first runs at once, then exactly one more for the other four (as the last of them asked)", async () => {
    for (let i = 1; i <= 5; i++) scheduleEvaluation({ trigger: "test.burst", actor: `writer-${i}` });
    await whenEvaluationsSettled();
    expect(await runs("test.burst")).toEqual([{ actor: "writer-1" }, { actor: "writer-5" }]);
  });

  it("a request after the last run settled starts a new run", async () => {
    scheduleEvaluation({ trigger: "test.later", actor: "a" });
    await whenEvaluationsSettled();
    scheduleEvaluation({ trigger: "test.later", actor: "b" });
    await whenEvaluationsSettled();
    expect(await runs("test.later")).toEqual([{ actor: "a" }, { actor: "b" }]);
  });

  it("a failing run is logged and contained: the next request runs normally", async () => {
    const url = process.env.DATABASE_URL!;
    // a server that is not there (a database name alone would not do: the embedded PGlite serves one whatever the name)
    const unreachable = new URL(url);
    unreachable.hostname = "127.0.0.1";
    unreachable.port = "1";
    process.env.DATABASE_URL = unreachable.toString();
    try {
      scheduleEvaluation({ trigger: "test.failing", actor: "x" });
      await whenEvaluationsSettled(); // resolves: the failure does not escape
    } finally {
      await disconnectPrisma();
      process.env.DATABASE_URL = url;
    }
    scheduleEvaluation({ trigger: "test.after-failure", actor: "y" });
    await whenEvaluationsSettled();
    expect(await runs("test.failing")).toEqual([]);
    expect(await runs("test.after-failure")).toEqual([{ actor: "y" }]);
  });
});

describe("pauseAfterRun", () => {
  it("waits as long as the run kept this process busy, not while it waited for PostgreSQL, within 100 ms and 5 s", () => {
    expect(pauseAfterRun(1_900, 1_600)).toBe(300);
    expect(pauseAfterRun(400, 0)).toBe(400);
    expect(pauseAfterRun(30, 25)).toBe(100);
    expect(pauseAfterRun(60_000, 1_000)).toBe(5_000);
  });
});
