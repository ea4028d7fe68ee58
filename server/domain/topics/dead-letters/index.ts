export { normalizeDeadLetterHeaders, NO_EXCEPTION_HEADER, type DeadLetterInfo, type DeadLetterFamily } from "./normalize-headers";
export {
  listDeadLetterQueues,
  busiestDeadLetterQueues,
  readDeadLetters,
  DLQ_TAIL_PER_PARTITION,
  type DeadLetterRow,
} from "./read-dead-letters";
export { redrive, RedriveInput, type RedrivePlanItem } from "./redrive";
export { scanDeadLetterClasses, type ScanResult } from "./scan-classes";
export { probeDeadLetterHeaders } from "./probe-headers";
