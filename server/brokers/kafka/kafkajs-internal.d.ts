// kafkajs's consumer batch filter (not in its public typings): see fetch-range.ts.
declare module "kafkajs/src/consumer/batch.js" {
  const Batch: unknown;
  export default Batch;
}
// kafkajs's protocol encoder and decoder (CommonJS, untyped): used to send DescribeClientQuotas (quotas.ts).
declare module "kafkajs/src/protocol/encoder.js" {
  const Encoder: new () => unknown;
  export default Encoder;
}
declare module "kafkajs/src/protocol/decoder.js" {
  const Decoder: new (buffer: Buffer) => unknown;
  export default Decoder;
}
