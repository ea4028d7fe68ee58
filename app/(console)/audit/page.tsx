import { PageHeader } from "@/app/_components/ui/page-header";
import { AuditLog } from "./_components/audit-log";

export const metadata = { title: "Audit log" };

export default function AuditPage() {
  return (
    <>
      <PageHeader
        title="Audit log"
        subtitle="Every change, sign-in and refused sign-in: who, what, from where, before and after (secrets redacted). Admins see all of it; others their own actions and the entries about their teams."
      />
      <AuditLog />
    </>
  );
}
