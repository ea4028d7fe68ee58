import { Suspense } from "react";
import { PageHeader } from "@/app/_components/ui/page-header";
import { LoadingRows } from "@/app/_components/ui/states";
import { TopicsTable } from "./_components/topics-table";

export const metadata = { title: "Topics" };

export default function TopicsPage() {
  return (
    <>
      <PageHeader title="Topics" subtitle="Every topic of every connected cluster, with its owner and tags." />
      <Suspense fallback={<LoadingRows />}>
        <TopicsTable />
      </Suspense>
    </>
  );
}
