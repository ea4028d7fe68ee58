import { PageHeader } from "@/app/_components/ui/page-header";
import { Scorecard } from "./_components/scorecard";

export const metadata = { title: "Scorecard" };

export default function ScorecardPage() {
  return (
    <>
      <PageHeader
        title="Scorecard"
        subtitle="The pitfalls of event-driven systems, found in the live system: events without the envelope or named as commands, schema changes let in unchecked, duplicate event ids and records processed twice, large payloads, keyless records of one aggregate and hot partitions, consumers without spans, alerts or a dead-letter path. Each finding has its evidence; a team acknowledges one with a reason and an expiry."
      />
      <Scorecard />
    </>
  );
}
