import { PageHeader } from "@/app/_components/ui/page-header";
import { NotYet } from "@/app/_components/ui/states";

export const metadata = { title: "Schemas" };

export default function SchemasPage() {
  return (
    <>
      <PageHeader title="Schemas" />
      <NotYet title="Schema registry">
        A Confluent-compatible registry for Avro, JSON Schema and Protobuf, with the seven compatibility levels and a diff that explains why
        a change breaks. Nothing is registered here yet, and no registry API is served.
      </NotYet>
    </>
  );
}
