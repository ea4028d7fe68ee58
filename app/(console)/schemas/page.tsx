import Link from "next/link";
import { Suspense } from "react";
import { PageHeader } from "@/app/_components/ui/page-header";
import { LoadingRows } from "@/app/_components/ui/states";
import { SubjectsTable } from "./_components/subjects-table";

export const metadata = { title: "Schemas" };

export default function SchemasPage() {
  return (
    <>
      <PageHeader
        title="Schemas"
        subtitle={
          <>
            Subjects of the Confluent-compatible registry. Point serializers at{" "}
            <code className="rounded bg-slate-100 px-1">/api/schema-registry</code>.
          </>
        }
        actions={
          <Link
            href="/schemas/new"
            className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-indigo-500"
          >
            Register schema
          </Link>
        }
      />
      <Suspense fallback={<LoadingRows />}>
        <SubjectsTable />
      </Suspense>
    </>
  );
}
