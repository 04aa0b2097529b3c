// GET /api/v1/audit/public-key: the Ed25519 public key the audit log's
// checkpoints are signed with (DESIGN.md, Audit log: "the public key is
// published"), so an auditor can check an exported log without trusting the
// server that produced it.
import { getAuditPublicKey } from "@/server/audit/audit-key";
import { respond } from "@/server/http/respond";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  return respond(request, async () => getAuditPublicKey());
}
