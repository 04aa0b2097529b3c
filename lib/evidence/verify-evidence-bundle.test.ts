import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import yauzl from "yauzl";
import yazl from "yazl";
import { appendEntry, GENESIS_HASH, generateAuditSigningKeyPem, parseAuditSigningKey, signCheckpoint, type AuditEntry } from "../audit";
import { AUDIT_ENTRIES_PATH, BUNDLE_FORMAT, MANIFEST_PATH, type BundleManifest } from "./bundle-manifest";
import { csvFile, jsonArrayFile, jsonLinesFile, writeBundleZip } from "./bundle-writer";
import { verifyEvidenceBundle } from "./verify-evidence-bundle";

const KEY = parseAuditSigningKey(generateAuditSigningKeyPem());

function chain(length: number): AuditEntry[] {
  const entries: AuditEntry[] = [];
  for (let i = 0; i < length; i++) {
    entries.push(appendEntry(entries.at(-1) ?? null, { at: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(), actor: "legal@example.com", action: "path.approved", subject: `path:p${i}`, payload: { index: i, note: "naïve, \"quoted\"" } }));
  }
  return entries;
}

const line = (entry: AuditEntry) => ({ sequence: entry.sequence, at: entry.at, actor: entry.actor, action: entry.action, subject: entry.subject, payload: entry.payload, prevHash: entry.prevHash, hash: entry.hash });

/** A bundle of the entries [first, last] of `log`, with checkpoints signed at `checkpointAt`. */
async function bundle(log: AuditEntry[], { first = 1, last = log.length, checkpointAt = [] as number[] } = {}): Promise<Buffer> {
  const segment = log.slice(first - 1, last);
  const zones = [{ id: "ads", name: "Ads, \"EU\"", formula: "=HYPERLINK(\"x\")" }];
  const files = [
    jsonArrayFile("zones.json", () => zones),
    csvFile("zones.csv", [["id", (z: (typeof zones)[number]) => z.id], ["name", (z) => z.name], ["formula", (z) => z.formula]], () => zones),
    jsonLinesFile(AUDIT_ENTRIES_PATH, () => segment, line),
  ];
  const { stream, manifest } = writeBundleZip(files, (entries): BundleManifest => ({
    format: BUNDLE_FORMAT,
    generatedAt: new Date().toISOString(),
    generatedBy: "legal@example.com",
    organisation: { organisationName: "Example", controllerName: "", controllerContact: "", dpoContact: "" },
    scope: { from: "2026-01-01T00:00:00.000Z", to: "2026-01-31T23:59:59.999Z", zones: [], allZones: true, description: "test" },
    worldVersion: 1,
    empty: segment.length === 0,
    notes: [],
    files: entries,
    chain: {
      entries: segment.length,
      firstSequence: segment[0]?.sequence ?? null,
      lastSequence: segment.at(-1)?.sequence ?? null,
      firstHash: segment[0]?.hash ?? null,
      lastHash: segment.at(-1)?.hash ?? null,
      prevHash: segment[0]?.prevHash ?? null,
    },
    checkpoints: checkpointAt.map((sequence) => {
      const c = signCheckpoint(log[sequence - 1], KEY);
      return { ...c, signedAt: new Date(c.signedAt).toISOString() };
    }),
    publicKey: { algorithm: "Ed25519", pem: KEY.publicKeyPem, fingerprint: KEY.fingerprint },
    chainCheck: { ok: true, verifiedThrough: last },
  }));
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  await manifest;
  return Buffer.concat(chunks);
}

async function unzip(zip: Buffer): Promise<Map<string, Buffer>> {
  const file = await yauzl.fromBufferPromise(zip, { lazyEntries: true });
  const files = new Map<string, Buffer>();
  for await (const entry of file.eachEntry()) {
    const parts: Buffer[] = [];
    for await (const chunk of await file.openReadStreamPromise(entry)) parts.push(chunk as Buffer);
    files.set(entry.fileName, Buffer.concat(parts));
  }
  return files;
}

async function rezip(files: Map<string, Buffer>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of files) zip.addBuffer(content, name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Edits files of a bundle; with `rehash`, the manifest is updated to match (a forger's edit). */
async function tamper(zip: Buffer, edit: (files: Map<string, Buffer>, manifest: BundleManifest) => void, { rehash = false } = {}): Promise<Buffer> {
  const files = await unzip(zip);
  const manifest = JSON.parse(files.get(MANIFEST_PATH)!.toString("utf8")) as BundleManifest;
  edit(files, manifest);
  if (rehash) {
    for (const entry of manifest.files) {
      const content = files.get(entry.path);
      if (content) Object.assign(entry, { sha256: createHash("sha256").update(content).digest("hex"), bytes: content.length });
    }
  }
  files.set(MANIFEST_PATH, Buffer.from(JSON.stringify(manifest)));
  return rezip(files);
}

const kinds = (result: { findings: { kind: string }[] }) => result.findings.map((finding) => finding.kind);

describe("verifyEvidenceBundle", () => {
  const log = chain(250);

  it("verifies an untouched bundle: every file, the chain and the checkpoints", async () => {
    const result = await verifyEvidenceBundle({ buffer: await bundle(log, { checkpointAt: [100, 200, 250] }) });
    expect(result.findings).toEqual([]);
    expect(result).toMatchObject({ ok: true, summary: { files: 3, entries: 250, checkpoints: 3, segment: { firstSequence: 1, lastSequence: 250 } } });
  });

  it("verifies a segment from the middle of the log from its prevHash", async () => {
    const result = await verifyEvidenceBundle({ buffer: await bundle(log, { first: 101, last: 180, checkpointAt: [150] }) });
    expect(result).toMatchObject({ ok: true, summary: { entries: 80 } });
  });

  it("writes CSV that a spreadsheet cannot run as a formula, quoted as RFC 4180 says", async () => {
    const files = await unzip(await bundle(log));
    expect(files.get("zones.csv")!.toString("utf8")).toBe('id,name,formula\r\nads,"Ads, ""EU""","\'=HYPERLINK(""x"")"\r\n');
  });

  it("names the file when one byte of it changed", async () => {
    const zip = await tamper(await bundle(log), (files) => {
      const csv = Buffer.from(files.get("zones.csv")!);
      csv[csv.length - 3] ^= 1;
      files.set("zones.csv", csv);
    });
    const result = await verifyEvidenceBundle({ buffer: zip });
    expect(result.ok).toBe(false);
    expect(result.findings).toEqual([expect.objectContaining({ kind: "file_changed", file: "zones.csv", message: expect.stringContaining("zones.csv was changed") })]);
  });

  it("names a file the manifest lists that the bundle lacks, and one it does not list", async () => {
    const zip = await tamper(await bundle(log), (files) => {
      files.delete("zones.json");
      files.set("extra.txt", Buffer.from("x"));
    });
    const result = await verifyEvidenceBundle({ buffer: zip });
    expect(result.findings).toEqual([
      expect.objectContaining({ kind: "file_missing", file: "zones.json" }),
      expect.objectContaining({ kind: "file_unlisted", file: "extra.txt" }),
    ]);
  });

  it("says a file that is not a ZIP is not one", async () => {
    const result = await verifyEvidenceBundle({ buffer: Buffer.from("%PDF-1.7 not a zip at all") });
    expect(result).toMatchObject({ ok: false, findings: [{ kind: "not_a_zip", message: expect.stringContaining("not a ZIP") }] });
  });

  it("says a ZIP without a manifest is not a bundle, and names a manifest field that is wrong", async () => {
    const noManifest = await rezip(new Map([["zones.json", Buffer.from("[]")]]));
    expect(kinds(await verifyEvidenceBundle({ buffer: noManifest }))).toEqual(["manifest_missing"]);
    const badFormat = await tamper(await bundle(log), (_files, manifest) => Object.assign(manifest, { format: "something-else/2" }));
    expect((await verifyEvidenceBundle({ buffer: badFormat })).findings).toEqual([expect.objectContaining({ kind: "manifest_invalid", message: expect.stringContaining("format") })]);
  });

  it("names a checkpoint whose signature does not verify", async () => {
    const zip = await tamper(await bundle(log, { checkpointAt: [100, 200] }), (_files, manifest) => {
      manifest.checkpoints[1].signature = Buffer.alloc(64, 7).toString("base64");
    });
    const result = await verifyEvidenceBundle({ buffer: zip });
    expect(result.findings).toEqual([expect.objectContaining({ kind: "checkpoint_invalid", checkpoint: 200, message: expect.stringContaining("signature does not verify") })]);
  });

  it("names the entry where reordered entries break the chain, even with the manifest re-hashed", async () => {
    const zip = await tamper(
      await bundle(log),
      (files) => {
        const lines = files.get(AUDIT_ENTRIES_PATH)!.toString("utf8").split("\n");
        [lines[40], lines[41]] = [lines[41], lines[40]];
        files.set(AUDIT_ENTRIES_PATH, Buffer.from(lines.join("\n")));
      },
      { rehash: true },
    );
    const result = await verifyEvidenceBundle({ buffer: zip });
    expect(result.findings).toEqual([expect.objectContaining({ kind: "chain_broken", file: AUDIT_ENTRIES_PATH, sequence: 41, message: expect.stringContaining("reordered") })]);
  });

  it("names an edited entry, and shows a re-hashed suffix against a checkpoint", async () => {
    const edited = await tamper(
      await bundle(log),
      (files) => {
        const lines = files.get(AUDIT_ENTRIES_PATH)!.toString("utf8").split("\n");
        lines[9] = lines[9].replace("legal@example.com", "mallory@example.com");
        files.set(AUDIT_ENTRIES_PATH, Buffer.from(lines.join("\n")));
      },
      { rehash: true },
    );
    expect((await verifyEvidenceBundle({ buffer: edited })).findings).toEqual([expect.objectContaining({ kind: "chain_broken", sequence: 10, message: expect.stringContaining("edited") })]);

    // a forger who re-hashes the whole chain after the edit still cannot match the signed checkpoint
    const forged = log.map((entry) => ({ ...entry }));
    forged[9] = { ...forged[9], actor: "mallory@example.com" };
    const rehashed: AuditEntry[] = [];
    for (const entry of forged) rehashed.push(appendEntry(rehashed.at(-1) ?? null, { at: entry.at, actor: entry.actor, action: entry.action, subject: entry.subject, payload: entry.payload }));
    const honest = await bundle(log, { checkpointAt: [100] });
    const zip = await tamper(
      honest,
      (files, manifest) => {
        files.set(AUDIT_ENTRIES_PATH, Buffer.from(rehashed.map((entry) => JSON.stringify(line(entry))).join("\n") + "\n"));
        Object.assign(manifest.chain, { firstHash: rehashed[0].hash, lastHash: rehashed.at(-1)!.hash });
      },
      { rehash: true },
    );
    expect((await verifyEvidenceBundle({ buffer: zip })).findings).toEqual([expect.objectContaining({ kind: "chain_broken", sequence: 1, checkpoint: 100, message: expect.stringContaining("rewritten") })]);
  });

  it("says which line of the audit entries cannot be read", async () => {
    const zip = await tamper(await bundle(log), (files) => files.set(AUDIT_ENTRIES_PATH, Buffer.from(`${JSON.stringify(line(log[0]))}\n{not json\n`)), { rehash: true });
    expect((await verifyEvidenceBundle({ buffer: zip })).findings).toEqual([expect.objectContaining({ kind: "entry_unreadable", message: expect.stringContaining("line 2") })]);
  });

  it("refuses a bundle signed with another key than the published one", async () => {
    const other = parseAuditSigningKey(generateAuditSigningKeyPem());
    const result = await verifyEvidenceBundle({ buffer: await bundle(log) }, { publicKeyPem: other.publicKeyPem });
    expect(kinds(result)).toEqual(["public_key_mismatch"]);
  });

  describe("against a later bundle", () => {
    it("accepts a later bundle that still holds the segment, or starts right after it", async () => {
      const earlier = await bundle(log, { first: 1, last: 120, checkpointAt: [100, 120] });
      expect(await verifyEvidenceBundle({ buffer: earlier }, { against: { bundle: { buffer: await bundle(log, { checkpointAt: [100, 200] }) } } })).toMatchObject({ ok: true, summary: { against: { compared: 120 } } });
      expect(await verifyEvidenceBundle({ buffer: earlier }, { against: { bundle: { buffer: await bundle(log, { first: 121, last: 250 }) } } })).toMatchObject({ ok: true });
    });

    it("reports a log cut short against the earlier bundle's checkpoint", async () => {
      const earlier = await bundle(log, { checkpointAt: [100, 200, 250] });
      const truncated = await bundle(log.slice(0, 180), { checkpointAt: [100] });
      const result = await verifyEvidenceBundle({ buffer: earlier }, { against: { bundle: { buffer: truncated } } });
      expect(result.findings).toEqual([expect.objectContaining({ kind: "prefix_truncated", sequence: 181, checkpoint: 200, message: expect.stringContaining("checkpoint 200") })]);
    });

    it("names the first entry a rewritten log changed", async () => {
      const earlier = await bundle(log, { checkpointAt: [100, 200] });
      const rewritten: AuditEntry[] = [];
      for (const entry of log) rewritten.push(appendEntry(rewritten.at(-1) ?? null, { ...entry, actor: entry.sequence === 150 ? "mallory@example.com" : entry.actor }));
      const result = await verifyEvidenceBundle({ buffer: earlier }, { against: { bundle: { buffer: await bundle(rewritten) } } });
      expect(result.findings).toEqual([expect.objectContaining({ kind: "prefix_changed", sequence: 150, checkpoint: 200 })]);
    });

    it("says when the later bundle cannot vouch for the segment", async () => {
      const earlier = await bundle(log, { first: 1, last: 100 });
      const result = await verifyEvidenceBundle({ buffer: earlier }, { against: { bundle: { buffer: await bundle(log, { first: 150, last: 250 }) } } });
      expect(kinds(result)).toEqual(["prefix_unchecked"]);
    });
  });

  it("accepts an empty segment (a period without audit entries)", async () => {
    const result = await verifyEvidenceBundle({ buffer: await bundle([], { first: 1, last: 0 }) });
    expect(result).toMatchObject({ ok: true, summary: { entries: 0, segment: { firstSequence: null } } });
    expect(GENESIS_HASH).toHaveLength(64);
  });
});
