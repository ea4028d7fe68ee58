import { Suspense } from "react";
import { PageHeader } from "@/app/_components/ui/page-header";
import { LoadingRows } from "@/app/_components/ui/states";
import { DeadLetterQueues, JetStreamDeadLetters } from "./_components/dead-letter-queues";

export const metadata = { title: "Dead letters" };

export default function DeadLettersPage() {
  return (
    <>
      <PageHeader
        title="Dead letters"
        subtitle="Kafka topics, RabbitMQ queues and JetStream streams that hold failed messages, and the messages JetStream gave up on: how deep, how fast they fill, why, and a way back."
      />
      <Suspense fallback={<LoadingRows />}>
        <DeadLetterQueues />
        <JetStreamDeadLetters />
      </Suspense>
    </>
  );
}
