// The tamper-evident audit log's pure core: canonical JSON, the hash chain,
// signed checkpoints and their verification. No database, no framework:
// server/audit/ stores the entries and checkpoints, the export bundles them,
// and anyone with the public key can re-run verifyAuditLog.
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
export {
  CHECKPOINT_ALGORITHM,
  AuditKeyError,
  checkpointMessage,
  checkpointSignatureProblem,
  generateAuditSigningKeyPem,
  parseAuditPublicKey,
  parseAuditSigningKey,
  publicKeyFingerprint,
  signCheckpoint,
  type AuditCheckpoint,
  type AuditSigningKey,
  type CheckpointHead,
} from "./checkpoint.ts";
export { verifyAuditLog, type AuditLogVerification, type AuditProblem, type AuditTamperKind, type VerifyLogOptions } from "./verify.ts";
