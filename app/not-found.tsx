import { NotFoundPanel } from "@/components/ui/not-found-panel";
import { PageBody } from "@/components/ui/page";

// Outside the dashboard (an unknown top-level URL) the page has no sidebar.
export default function NotFound() {
  return (
    <PageBody>
      <NotFoundPanel />
    </PageBody>
  );
}
