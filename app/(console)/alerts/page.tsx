import { PageHeader } from "@/app/_components/ui/page-header";
import { NotYet } from "@/app/_components/ui/states";

export const metadata = { title: "Alerts" };

export default function AlertsPage() {
  return (
    <>
      <PageHeader title="Alerts" />
      <NotYet title="Lag and dead-letter alerts">
        Rules on consumer lag (offsets and seconds), Burrow-style group status and DLQ depth, delivered to signed webhooks. No rule can be
        created yet and nothing is evaluated.
      </NotYet>
    </>
  );
}
