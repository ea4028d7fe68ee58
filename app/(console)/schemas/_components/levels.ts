/** Confluent's compatibility levels and subject modes, in the order the pickers show them. */
export const LEVELS = ["BACKWARD", "BACKWARD_TRANSITIVE", "FORWARD", "FORWARD_TRANSITIVE", "FULL", "FULL_TRANSITIVE", "NONE"] as const;
export const MODES = ["READWRITE", "READONLY", "IMPORT"] as const;
