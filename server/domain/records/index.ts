// Public API of the records context: the messages inside topics, read (and later browsed, produced
// and exported) for people, under the actor's permissions.
export { readTopicRecord } from "./read-record";
export { parseTraceparent, type PresentedRecord } from "./present-record";
export { searchTopic, type SearchTopicInput } from "./search-topic";
export { SearchOptions, type SearchResult, type SearchProgress } from "./search";
