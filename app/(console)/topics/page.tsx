import { Suspense } from "react";
import { PageHeader } from "@/app/_components/ui/page-header";
import { LoadingRows } from "@/app/_components/ui/states";
import { CreateTopic } from "./_components/manage/create-topic";
import { TopicsTable } from "./_components/topics-table";

export const metadata = { title: "Catalog" };

export default function TopicsPage() {
  return (
    <>
      <PageHeader
        title="Catalog"
        subtitle="Every Kafka topic, RabbitMQ queue and exchange, and JetStream stream of every connection, with its owner and tags."
      />
      <div className="mb-4 flex justify-end">
        <CreateTopic />
      </div>
      <Suspense fallback={<LoadingRows />}>
        <TopicsTable />
      </Suspense>
    </>
  );
}
