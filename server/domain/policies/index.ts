// Public API of the policies context: the rules admins set, and the checks every path runs against them.
export { currentPolicy, setPolicy, enforceTopicPolicy, refusal } from "./policies";
export { checkTopic, PolicyDocument, TopicRules, type TopicProposal, type Violation } from "./policy-document";
