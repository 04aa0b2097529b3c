// The tamper-evident audit log's pure core: canonical JSON, the hash chain and
// its verification. No database, no framework: server/audit/ stores the
// entries, the export bundles them, and anyone can re-run verifyChain.
export { canonicalJson, CanonicalJsonError, type JsonPrimitive, type JsonValue } from "./canonical-json.ts";
export {
  GENESIS_HASH,
  FIRST_SEQUENCE,
  appendEntry,
  hashEntry,
  isoInstant,
  verifyChain,
  type AuditEntry,
  type AuditFields,
  type ChainBreak,
  type ChainVerification,
  type HashedEntry,
  type VerifyOptions,
} from "./chain.ts";
