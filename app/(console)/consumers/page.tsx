import { Suspense } from "react";
import { PageHeader } from "@/app/_components/ui/page-header";
import { LoadingRows } from "@/app/_components/ui/states";
import { GroupsTable } from "./groups-table";

export const metadata = { title: "Consumers" };

export default function ConsumersPage() {
  return (
    <>
      <PageHeader
        title="Consumers"
        subtitle="Kafka consumer groups, RabbitMQ queues with their consumers and JetStream consumers: one backlog model (lag; ready + unacked; pending + ack pending), its status and history."
      />
      <Suspense fallback={<LoadingRows />}>
        <GroupsTable />
      </Suspense>
    </>
  );
}
