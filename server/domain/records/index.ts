// Public API of the records context: the messages inside topics, read (and later browsed, produced
// and exported) for people, under the actor's permissions.
export { readTopicRecord, parseTraceparent } from "./read-record";
