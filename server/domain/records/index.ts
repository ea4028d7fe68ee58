// Public API of the records context: the messages inside topics, read (and later browsed, produced
// and exported) for people, under the actor's permissions.
export { readTopicRecord } from "./read-record";
export { parseTraceparent, type PresentedRecord } from "./present-record";
export { searchTopic, tailTopic, type SearchTopicInput, type TopicAddress } from "./search-topic";
export { TailOptions } from "./tail";
export { SearchOptions, type SearchResult, type SearchProgress } from "./search";
export { produceMessage, produceMessages, MessageToProduce, ProduceBatch } from "./produce";
export { exportRecords, csvCell, type ExportFormat } from "./export";
export { listSavedFilters, saveFilter, deleteSavedFilter, SavedFilterInput } from "./saved-filters";
export { sampleTopic, type SampledRecord, type TopicSample } from "./sample-topic";
