import { Suspense } from "react";
import { PageHeader } from "@/app/_components/ui/page-header";
import { LoadingRows } from "@/app/_components/ui/states";
import { GroupsTable } from "./groups-table";

export const metadata = { title: "Consumers" };

export default function ConsumersPage() {
  return (
    <>
      <PageHeader title="Consumer groups" subtitle="State, members, lag in messages and in seconds, and the topics each group reads." />
      <Suspense fallback={<LoadingRows />}>
        <GroupsTable />
      </Suspense>
    </>
  );
}
