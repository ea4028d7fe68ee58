// kafkajs's consumer batch filter (not in its public typings): see fetch-range.ts.
declare module "kafkajs/src/consumer/batch.js" {
  const Batch: unknown;
  export default Batch;
}
