import { Suspense } from "react";
import { LoadingRows } from "@/app/_components/ui/states";
import { JourneyView } from "../_components/journey-view";

export const metadata = { title: "Journey" };

export default async function JourneyPage({ params }: { params: Promise<{ traceId: string }> }) {
  const { traceId } = await params;
  return (
    <Suspense fallback={<LoadingRows rows={10} />}>
      <JourneyView traceId={traceId.toLowerCase()} />
    </Suspense>
  );
}
