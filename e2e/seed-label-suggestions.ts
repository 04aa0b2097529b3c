// Prepares the label-suggestion spec's data on the e2e server's database, the way ingestion would: two assets of
// a namespace no other spec looks at (unzoned, no edges, so no violation anywhere changes), then the use case that
// OpenLineage ingestion calls with the datasets' columns. Run as a separate process (node --import tsx), like the CLI.
// Importing and recording twice changes nothing, so a retried spec finds the same rows.
import { parseWorld } from "../lib/world";
import { disconnectPrisma, prisma } from "../server/db";
import { recordLabelSuggestions } from "../server/labels/record-label-suggestions";
import { importWorld } from "../server/world/import-world";

const E2E_NAMESPACE = "e2e_labels";

const parsed = parseWorld({
  assets: [
    { id: "crm_contacts", namespace: E2E_NAMESPACE, name: "crm_contacts", kind: "table" },
    { id: "crm_export", namespace: E2E_NAMESPACE, name: "crm_export", kind: "table" },
  ],
});
if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
await importWorld({ world: parsed.world, actor: "e2e" });
const result = await prisma().$transaction((tx) =>
  recordLabelSuggestions(tx, [
    { assetId: "crm_contacts", columns: ["contact_id", "email", "phone", "client_ip", "notes"].map((name) => ({ name, type: "string" })), columnLineage: [] },
    { assetId: "crm_export", columns: [{ name: "recipient", type: "string" }], columnLineage: [{ column: "recipient", inputs: [{ assetId: "crm_contacts", column: "email" }] }] },
  ]),
);
console.log(JSON.stringify(result));
await disconnectPrisma();
