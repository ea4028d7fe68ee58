// Public API of the consumers context: consumer groups and their committed offsets (lag comes later).
export { recordGroups } from "./record-groups";
export { listGroups, ListGroupsInput, groupsReadingTopic } from "./query-groups";
