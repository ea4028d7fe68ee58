import { PageHeader } from "@/app/_components/ui/page-header";
import { ClustersSettings } from "./_components/clusters-settings";

export const metadata = { title: "Settings" };

export default function SettingsPage() {
  return (
    <>
      <PageHeader
        title="Settings"
        subtitle="The brokers Eventplane watches: Kafka clusters, RabbitMQ brokers, NATS servers with JetStream. Secrets are encrypted at rest and never sent back to the browser."
      />
      <ClustersSettings />
    </>
  );
}
