import { Suspense } from "react";
import { PageHeader } from "@/app/_components/ui/page-header";
import { LoadingRows } from "@/app/_components/ui/states";
import { GroupsTable } from "./groups-table";

export const metadata = { title: "Consumers" };

export default function ConsumersPage() {
  return (
    <>
      <PageHeader
        title="Consumer groups"
        subtitle="State, members and the topics each group reads. Lag in offsets and seconds comes next."
      />
      <Suspense fallback={<LoadingRows />}>
        <GroupsTable />
      </Suspense>
    </>
  );
}
