import { Suspense } from "react";
import { LoadingRows } from "@/app/_components/ui/states";
import { DeadLetterDetail } from "../_components/dead-letter-detail";

export const metadata = { title: "Dead letters" };

export default async function DeadLetterPage({ params }: { params: Promise<{ topicId: string }> }) {
  const { topicId } = await params;
  return (
    <Suspense fallback={<LoadingRows rows={8} />}>
      <DeadLetterDetail topicId={topicId} />
    </Suspense>
  );
}
