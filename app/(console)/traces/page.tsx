import { Suspense } from "react";
import { PageHeader } from "@/app/_components/ui/page-header";
import { LoadingRows } from "@/app/_components/ui/states";
import { TraceSearch } from "./_components/trace-search";

export const metadata = { title: "Traces" };

export default function TracesPage() {
  return (
    <>
      <PageHeader
        title="Traces"
        subtitle="Journeys of business events: each trace opens as one waterfall across every hop, with the time each message waited in the broker."
      />
      <Suspense fallback={<LoadingRows />}>
        <TraceSearch />
      </Suspense>
    </>
  );
}
