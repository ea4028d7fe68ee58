import type { Metadata } from "next";
import { PageHeader } from "../_components/ui/page-header";
import { Overview } from "./_overview/overview";

export const metadata: Metadata = { title: "Overview" };

export default function OverviewPage() {
  return (
    <>
      <PageHeader title="Overview" subtitle="Your clusters as the collector last saw them. Refreshes every 5 seconds." />
      <Overview />
    </>
  );
}
