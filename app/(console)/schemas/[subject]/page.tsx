import { Suspense } from "react";
import { LoadingRows } from "@/app/_components/ui/states";
import { SubjectView } from "../_components/subject-view";

export const metadata = { title: "Subject" };

export default async function SubjectPage({ params }: { params: Promise<{ subject: string }> }) {
  const { subject } = await params;
  return (
    <Suspense fallback={<LoadingRows />}>
      <SubjectView subject={decodeURIComponent(subject)} />
    </Suspense>
  );
}
