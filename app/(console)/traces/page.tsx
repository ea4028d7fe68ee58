import { PageHeader } from "@/app/_components/ui/page-header";
import { NotYet } from "@/app/_components/ui/states";

export const metadata = { title: "Traces" };

export default function TracesPage() {
  return (
    <>
      <PageHeader title="Traces" />
      <NotYet title="Waterfalls across event hops">
        An OTLP/HTTP receiver at /v1/traces and one waterfall per business event, producer to every consumer. The receiver is not running
        yet: spans sent here are not stored.
      </NotYet>
    </>
  );
}
