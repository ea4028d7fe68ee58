import { Suspense } from "react";
import { PageHeader } from "@/app/_components/ui/page-header";
import { LoadingRows } from "@/app/_components/ui/states";
import { AlertsConsole } from "./_components/alerts-console";

export const metadata = { title: "Alerts" };

export default function AlertsPage() {
  return (
    <>
      <PageHeader
        title="Alerts"
        subtitle="Rules on consumer lag, lag status, dead-letter queues (depth, inflow, new exception classes) and cluster reachability, notified to signed webhooks."
      />
      <Suspense fallback={<LoadingRows />}>
        <AlertsConsole />
      </Suspense>
    </>
  );
}
