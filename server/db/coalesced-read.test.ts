import { describe, expect, it } from "vitest";
import { coalescedReader } from "./coalesced-read";

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("coalescedReader", () => {
  it("answers callers of the same tick with one read", async () => {
    const reads: string[][] = [];
    const read = coalescedReader(async (keys: string[]) => {
      reads.push(keys);
      return new Map(keys.map((k) => [k, k.toUpperCase()]));
    });
    expect(await Promise.all([read("a"), read("b"), read("a")])).toEqual(["A", "B", "A"]);
    expect(reads).toEqual([["a", "b"]]);
  });

  it("never gives a caller a read that started before it asked", async () => {
    let value = 1;
    const started: number[] = [];
    const gates: (() => void)[] = [];
    const read = coalescedReader(async (keys: string[]) => {
      const seen = value; // what the database holds when the read starts
      started.push(seen);
      await new Promise<void>((resolve) => gates.push(resolve));
      return new Map(keys.map((k) => [k, seen]));
    });
    const first = read("v");
    await tick();
    value = 2; // a commit lands while the first read is under way
    const second = read("v");
    const third = read("v");
    gates.shift()!();
    expect(await first).toBe(1);
    await tick();
    gates.shift()!();
    expect(await second).toBe(2);
    expect(await third).toBe(2);
    expect(started).toEqual([1, 2]);
  });

  it("gives every caller of a failed read the error, and reads again for the next caller", async () => {
    let fail = true;
    const read = coalescedReader(async (keys: string[]) => {
      if (fail) throw new Error("connection lost");
      return new Map(keys.map((k) => [k, 1]));
    });
    const results = await Promise.allSettled([read("a"), read("b")]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    fail = false;
    expect(await read("a")).toBe(1);
  });

  it("answers undefined for a key the read did not find", async () => {
    const read = coalescedReader(async () => new Map<string, number>());
    expect(await read("missing")).toBeUndefined();
  });
});
