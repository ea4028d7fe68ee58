// Public API of the masking context: rules that keep fields of message payloads from people of given
// roles, and the masker every read of a payload goes through.
export {
  listMaskingRules,
  createMaskingRule,
  updateMaskingRule,
  deleteMaskingRule,
  payloadMasker,
  MaskingRuleInput,
  type PayloadMasker,
} from "./masking-rules";
export { parseMaskPath, maskByPaths, type MaskStyle } from "./mask-paths";
