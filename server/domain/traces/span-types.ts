// A span as the traces domain takes it in, whatever wire format it came on (OTLP protobuf or JSON).

export type AttrValue = string | number | boolean | null | AttrValue[] | { [key: string]: AttrValue };
export type Attributes = Record<string, AttrValue>;

/** OTLP SpanKind numbers. */
export const SPAN_KIND = { UNSPECIFIED: 0, INTERNAL: 1, SERVER: 2, CLIENT: 3, PRODUCER: 4, CONSUMER: 5 } as const;
/** OTLP Status.code numbers. */
export const STATUS_CODE = { UNSET: 0, OK: 1, ERROR: 2 } as const;

export type SpanLinkInput = { traceId: string; spanId: string; attributes: Attributes };
export type SpanEventInput = { timeNs: bigint; name: string; attributes: Attributes };

export type SpanInput = {
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  name: string;
  kind: number;
  startNs: bigint;
  endNs: bigint;
  statusCode: number;
  statusMessage: string | null;
  attributes: Attributes;
  resource: Attributes;
  scope: { name: string; version?: string } | null;
  events: SpanEventInput[];
  links: SpanLinkInput[];
};
