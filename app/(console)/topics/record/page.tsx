import { Suspense } from "react";
import { LoadingRows } from "@/app/_components/ui/states";
import { RecordView } from "./record-view";

export const metadata = { title: "Record" };

export default function RecordPage() {
  return (
    <Suspense fallback={<LoadingRows rows={6} />}>
      <RecordView />
    </Suspense>
  );
}
