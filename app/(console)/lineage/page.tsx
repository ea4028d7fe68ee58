import { Suspense } from "react";
import { PageHeader } from "@/app/_components/ui/page-header";
import { LoadingRows } from "@/app/_components/ui/states";
import { LineageExplorer } from "./_components/lineage-explorer";

export const metadata = { title: "Lineage" };

export default function LineagePage() {
  return (
    <>
      <PageHeader
        title="Lineage"
        subtitle="Who produces and who consumes each topic, from consumer groups and messaging spans, next to what teams declared."
      />
      <Suspense fallback={<LoadingRows label="Loading the lineage graph" />}>
        <LineageExplorer />
      </Suspense>
    </>
  );
}
