// Public API of the dead-letters context: which queues hold dead letters, what each letter says about
// its failure, the exception classes a queue has held, and redrive.
export { deadLetterByName, isDeadLetterRecord } from "./is-dead-letter";
export { DEFAULT_DLQ_PATTERNS } from "./dead-letter-names";
export { normalizeDeadLetterHeaders, NO_EXCEPTION_HEADER, type DeadLetterInfo, type DeadLetterFamily } from "./normalize-headers";
export {
  listDeadLetterQueues,
  busiestDeadLetterQueues,
  readDeadLetters,
  DLQ_TAIL_PER_PARTITION,
  type DeadLetterRow,
} from "./read-dead-letters";
export { redrive, RedriveInput } from "./redrive";
export type { RedrivePlanItem, RedriveResult } from "./redrive-common";
export { redriveJetStream, JetStreamRedriveInput } from "./jetstream-redrive";
export { scanDeadLetterClasses, type ScanResult } from "./scan-classes";
export { probeDeadLetterHeaders } from "./probe-headers";
export { newExceptionClasses } from "./exception-classes";
export { rabbitDeadLetterQueues, queueKey } from "./rabbit-dead-letters";
export { recordJetStreamDeadLetter, listJetStreamDeadLetters, jetStreamDeadLetterCounts, pruneDeadLetterEvents } from "./jetstream-events";
