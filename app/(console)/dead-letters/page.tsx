import { Suspense } from "react";
import { PageHeader } from "@/app/_components/ui/page-header";
import { LoadingRows } from "@/app/_components/ui/states";
import { DeadLetterQueues } from "./_components/dead-letter-queues";

export const metadata = { title: "Dead letters" };

export default function DeadLettersPage() {
  return (
    <>
      <PageHeader
        title="Dead-letter queues"
        subtitle="Topics that hold failed records, by name (DLQ_NAME_PATTERNS) or by the dead-letter headers of their records: how deep, how fast they fill, why, and a way back."
      />
      <Suspense fallback={<LoadingRows />}>
        <DeadLetterQueues />
      </Suspense>
    </>
  );
}
