import { PageHeader } from "@/app/_components/ui/page-header";
import { ClustersSettings } from "./_components/clusters-settings";
import { MaskingSettings } from "./_components/masking-settings";
import { PolicyCode } from "./_components/policy-code";
import { PolicySettings } from "./_components/policy-settings";

export const metadata = { title: "Settings" };

export default function SettingsPage() {
  return (
    <>
      <PageHeader
        title="Settings"
        subtitle="The brokers Eventplane watches (Kafka clusters, RabbitMQ brokers, NATS servers with JetStream; secrets encrypted at rest and never sent back to the browser), the fields of their messages that are masked, and the policy every topic and schema is held to."
      />
      <ClustersSettings />
      <MaskingSettings />
      <PolicySettings />
      <PolicyCode />
    </>
  );
}
