import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { runInBackground } from "./run-in-background";

describe("runInBackground", () => {
  const escaped = vi.fn();
  let log: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    escaped.mockClear();
    // Were the failure to escape, Node would call these (and a plain process would exit).
    process.on("uncaughtException", escaped);
    process.on("unhandledRejection", escaped);
    log = vi.spyOn(console, "error").mockImplementation(() => {});
  });
  afterEach(() => {
    process.off("uncaughtException", escaped);
    process.off("unhandledRejection", escaped);
    log.mockRestore();
  });

  const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

  it("runs the work after the caller has returned", async () => {
    const order: string[] = [];
    const done = runInBackground("ordering", () => order.push("work"));
    order.push("caller");
    await done;
    expect(order).toEqual(["caller", "work"]);
  });

  it("a throw is logged with its label and goes no further", async () => {
    await runInBackground("warm the detail view", () => {
      throw new Error("index out of range");
    });
    await settle();
    expect(escaped).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledWith(expect.stringContaining('"warm the detail view" failed'), expect.objectContaining({ message: "index out of range" }));
  });

  it("a rejected promise is logged with its label and goes no further", async () => {
    await runInBackground("refresh a cache", async () => {
      await settle();
      throw new Error("connection terminated");
    });
    await settle();
    expect(escaped).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledWith(expect.stringContaining('"refresh a cache" failed'), expect.objectContaining({ message: "connection terminated" }));
  });
});

describe("fire-and-forget work in the server", () => {
  it("goes through runInBackground: no bare setImmediate in server/ or app/", () => {
    const root = path.resolve(import.meta.dirname, "..");
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !file.endsWith("run-in-background.ts")) {
          if (/\bsetImmediate\s*\(/.test(fs.readFileSync(file, "utf8"))) offenders.push(path.relative(root, file));
        }
      }
    };
    walk(path.join(root, "server"));
    walk(path.join(root, "app"));
    expect(offenders).toEqual([]);
  });
});
