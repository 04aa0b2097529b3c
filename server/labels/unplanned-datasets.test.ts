// Ingestion skips planning label suggestions for a dataset whose columns this
// process already planned them for (a pipeline's next run sends the same
// schema): only once that plan committed, only while the columns stay the
// same, never for a dataset with column-lineage inputs, and per database.
import { afterEach, describe, expect, it } from "vitest";
import type { DatasetColumns } from "@/lib/labels/dataset-columns";
import { unplannedDatasets } from "./record-label-suggestions";

const original = process.env.DATABASE_URL;
afterEach(() => {
  if (original === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = original;
});

const dataset = (assetId: string, columns: string[], lineageFrom?: string): DatasetColumns => ({
  assetId,
  columns: columns.map((name) => ({ name, type: null })),
  columnLineage: lineageFrom ? [{ column: columns[0], inputs: [{ assetId: lineageFrom, column: "email" }] }] : [],
});
const ids = (datasets: DatasetColumns[]) => datasets.map((d) => d.assetId);

describe("datasets whose suggestions were planned before", () => {
  it("are skipped once remembered, while their columns stay the same", () => {
    process.env.DATABASE_URL = "postgresql://example.invalid/one";
    const first = unplannedDatasets([dataset("u1", ["email", "total"]), dataset("u2", ["ip"])]);
    expect(ids(first.datasets)).toEqual(["u1", "u2"]);
    // not committed yet (a rolled-back plan is never remembered)
    expect(ids(unplannedDatasets([dataset("u1", ["email", "total"])]).datasets)).toEqual(["u1"]);
    first.remember();
    expect(ids(unplannedDatasets([dataset("u1", ["email", "total"]), dataset("u2", ["ip"]), dataset("u3", ["lat"])]).datasets)).toEqual(["u3"]);
    // a changed schema is planned again
    expect(ids(unplannedDatasets([dataset("u1", ["email", "total", "phone"])]).datasets)).toEqual(["u1"]);
    // another database knows nothing of these
    process.env.DATABASE_URL = "postgresql://example.invalid/two";
    expect(ids(unplannedDatasets([dataset("u1", ["email", "total"])]).datasets)).toEqual(["u1"]);
  });

  it("never skips a dataset with column-lineage inputs: an input column may have gained a suggestion since", () => {
    process.env.DATABASE_URL = "postgresql://example.invalid/three";
    const first = unplannedDatasets([dataset("d1", ["contact"], "u1")]);
    first.remember();
    expect(ids(unplannedDatasets([dataset("d1", ["contact"], "u1")]).datasets)).toEqual(["d1"]);
  });
});
