import { NotFoundPanel } from "@/components/ui/not-found-panel";
import { PageBody } from "@/components/ui/page";

export default function NotFound() {
  return (
    <PageBody>
      <NotFoundPanel />
    </PageBody>
  );
}
