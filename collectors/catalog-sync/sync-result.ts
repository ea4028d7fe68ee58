export interface SyncResult {
  ok: boolean;
  elapsedMs: number;
  /** destinations (topics, queues and exchanges, streams) */
  topics: number;
  /** consumer groups, queues with their consumers, JetStream consumers */
  groups: number;
  error?: string;
  /** The sync worked but part of it could not be read (kept from the previous sync). */
  warning?: string;
}
