// Asset ids for assets that lineage ingestion discovers (SQL lineage, and
// OpenLineage datasets and jobs): OpenLineage names an asset by namespace +
// name, the world file by id. The id is the readable `namespace:name`; in the
// rare case that some other asset already holds that id (a world file may pick
// any id, and "a:b" + "c" meets "a" + "b:c"), a suffix from the sha256 of
// namespace and name is added, as long as needed to be free. Once created, an
// asset is found again by its namespace + name, never by recomputing its id.
import { createHash } from "node:crypto";

/** The ids to try for (namespace, name), in order; the caller takes the first that is free. */
export function assetIdCandidates(namespace: string, name: string): string[] {
  const base = `${namespace}:${name}`;
  const digest = createHash("sha256").update(`${namespace}\u0000${name}`).digest("hex");
  return [base, `${base}~${digest.slice(0, 8)}`, `${base}~${digest.slice(0, 16)}`, `${base}~${digest}`];
}
