import { Suspense } from "react";
import { PageHeader } from "@/app/_components/ui/page-header";
import { LoadingRows } from "@/app/_components/ui/states";
import { lineageFirstView } from "@/app/_trpc/server";
import { LineageExplorer } from "./_components/lineage-explorer";
import { viewFilter } from "./_components/view-filter";

export const metadata = { title: "Lineage" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default function LineagePage({ searchParams }: { searchParams: SearchParams }) {
  return (
    <>
      <PageHeader
        title="Lineage"
        subtitle="Who produces and who consumes each topic, from consumer groups and messaging spans, next to what teams declared."
      />
      <Suspense fallback={<LoadingRows label="Loading the lineage graph" />}>
        <LineageWithFirstView searchParams={searchParams} />
      </Suspense>
    </>
  );
}

/**
 * The view the address asks for is read while the page renders and comes with it (with its layout when
 * the server made one before): the browser draws it as soon as it runs, without asking again first.
 */
async function LineageWithFirstView({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const filter = viewFilter((k) => {
    const v = params[k];
    return Array.isArray(v) ? v[0] : v;
  });
  const data = await lineageFirstView(filter);
  return <LineageExplorer first={data ? { filter, data } : null} />;
}
