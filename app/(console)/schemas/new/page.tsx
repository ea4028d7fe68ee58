import Link from "next/link";
import { PageHeader } from "@/app/_components/ui/page-header";
import { RegisterForm } from "../_components/register-form";

export const metadata = { title: "Register schema" };

export default function NewSchemaPage() {
  return (
    <>
      <PageHeader
        title="Register schema"
        subtitle={
          <Link href="/schemas" className="text-indigo-700 hover:underline">
            ← Schemas
          </Link>
        }
      />
      <RegisterForm />
    </>
  );
}
