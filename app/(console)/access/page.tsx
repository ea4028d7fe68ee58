import { PageHeader } from "@/app/_components/ui/page-header";
import { currentViewer } from "@/app/_trpc/server";
import { AccountPanel } from "./_components/account-panel";
import { TokensPanel } from "./_components/tokens-panel";
import { UsersPanel } from "./_components/users-panel";

export const metadata = { title: "Users & tokens" };

export default async function AccessPage() {
  const viewer = await currentViewer();
  const admin = viewer?.role === "admin";
  return (
    <>
      <PageHeader
        title="Users & tokens"
        subtitle="Viewers read; editors change what their teams own (and what nobody owns yet); admins everything. API tokens let serializers, OpenTelemetry exporters, Prometheus and scripts in."
      />
      <div className="space-y-10">
        {admin ? <UsersPanel /> : null}
        <TokensPanel role={viewer?.role ?? "viewer"} teams={viewer?.teams ?? []} />
        {viewer?.kind === "user" ? <AccountPanel /> : null}
      </div>
    </>
  );
}
