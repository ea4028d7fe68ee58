// Retention of alert history: alert events and notifications that are done (delivered or given up,
// with their delivery attempts) older than the cutoff. A pending notification is never pruned: the
// outbox loses nothing it has not delivered.
import { db } from "@/server/db";

export async function pruneAlertHistory(before: Date): Promise<{ events: number; notifications: number }> {
  const events = await db.alertEvent.deleteMany({ where: { at: { lt: before } } });
  // Attempts go with their notification (ON DELETE CASCADE).
  const notifications = await db.notification.deleteMany({ where: { status: { in: ["delivered", "failed"] }, createdAt: { lt: before } } });
  return { events: events.count, notifications: notifications.count };
}
