import { PageHeader } from "@/app/_components/ui/page-header";
import { NotYet } from "@/app/_components/ui/states";

export const metadata = { title: "Lineage" };

export default function LineagePage() {
  return (
    <>
      <PageHeader title="Lineage" />
      <NotYet title="Producer → topic → consumer graph">
        The graph will be drawn from consumer groups and messaging spans, and from what teams declare. Today the catalog already knows which
        consumer groups read each topic: see a topic&apos;s Consumers tab.
      </NotYet>
    </>
  );
}
