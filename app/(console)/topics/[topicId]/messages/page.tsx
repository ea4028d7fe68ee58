import { Suspense } from "react";
import { LoadingRows } from "@/app/_components/ui/states";
import { MessageBrowser } from "../../_components/messages/message-browser";

export const metadata = { title: "Messages" };

export default async function MessagesPage({ params }: { params: Promise<{ topicId: string }> }) {
  const { topicId } = await params;
  return (
    <Suspense fallback={<LoadingRows rows={6} />}>
      <MessageBrowser topicId={topicId} />
    </Suspense>
  );
}
