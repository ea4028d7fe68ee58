import { GroupDetail } from "../group-detail";

export const metadata = { title: "Consumer group" };

export default async function GroupPage({ params }: { params: Promise<{ groupId: string }> }) {
  const { groupId } = await params;
  return <GroupDetail id={groupId} />;
}
