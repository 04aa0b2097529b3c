import type { Metadata } from "next";
import { pageActor } from "@/app/_lib/session";
import { BundleVerifier } from "@/components/audit/bundle-verifier";
import { PageHeader } from "@/components/ui/page-header";
import { PageBody } from "@/components/ui/page";
import { MAX_BUNDLE_BYTES } from "@/server/evidence/verify-uploaded-bundle";

export const metadata: Metadata = { title: "Verify an evidence bundle" };

export default async function VerifyBundlePage() {
  await pageActor();
  return (
    <PageBody>
      <PageHeader
        eyebrow={<a href="/audit" className="hover:underline">Audit</a>}
        title="Verify an evidence bundle"
        description="Checks every file of a bundle against its manifest, recomputes the audit chain segment, checks the signed checkpoints with the bundle's public key and, if asked, that the segment is still in the live audit log unchanged. The same checks as zoneline verify-evidence, which needs no server."
      />
      <BundleVerifier maxBytes={MAX_BUNDLE_BYTES} />
    </PageBody>
  );
}
