import { GraphScreen } from "@/components/graph/graph-screen";
import { ErrorState } from "@/components/ui/page-header";
import { PageBody } from "@/components/ui/page";
import { parseViewState } from "@/lib/graph/query-schemas";
import { AppError } from "@/server/errors";
import { getGraphView } from "@/server/graph/get-graph-view";
import { pageActor } from "@/app/_lib/session";
import { can } from "@/lib/auth/permissions";
import { markEdgeReviewed } from "../edges/actions";

// Reads the database on every request (never at build time).
export const dynamic = "force-dynamic";
export const metadata = { title: "Graph" };

export default async function GraphPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await pageActor();
  const state = parseViewState(await searchParams);
  try {
    // The first view comes with the page, so nodes paint without another round trip.
    const view = await getGraphView({ state, lod: "auto" });
    return <GraphScreen initialState={state} initialView={view} reviewEdge={can(actor.roles, "edge.review") ? markEdgeReviewed : undefined} canRequestPath={can(actor.roles, "path.request")} />;
  } catch (error) {
    if (error instanceof AppError) {
      return (
        <PageBody>
          <ErrorState title="This view cannot be shown" message={error.message} />
        </PageBody>
      );
    }
    throw error;
  }
}
