// The policy engine (DESIGN.md "Semantics"): pure TypeScript, no Next, no Prisma.
export { evaluate, Evaluation, formatLabel, type EdgeVerdict, type EvaluateOptions, type LabelWithProvenance, type Violation } from "./evaluate.ts";
export { explain, type ExplainSubject, type Explanation } from "./explain.ts";
export { admit, admitWith, AdmissionRequestError, type Admission, type AdmissionReason, type AdmitRequest } from "./admit.ts";
export { IncrementalEvaluator, type ChangeSummary, type WorldChange } from "./incremental.ts";
export { VIOLATION_KINDS, type ViolationKind } from "./violations.ts";
export { applyTransforms } from "./transforms.ts";
