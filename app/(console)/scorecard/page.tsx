import { PageHeader } from "@/app/_components/ui/page-header";
import { Scorecard } from "./_components/scorecard";

export const metadata = { title: "Scorecard" };

export default function ScorecardPage() {
  return (
    <>
      <PageHeader
        title="Scorecard"
        subtitle="The pitfalls of event-driven systems, found in the live system: schemas without the envelope or named as commands, subjects that take any change, consumer groups nobody watches, large payloads, keyless records of one aggregate, duplicate event ids, values without a schema. Each finding has its evidence; a team acknowledges one with a reason and an expiry."
      />
      <Scorecard />
    </>
  );
}
