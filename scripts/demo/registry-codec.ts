// What a Confluent serializer does, in a few lines: register the schema through the registry's REST
// API, then frame each record as magic byte 0 + 4-byte schema id + Avro binary. Consumers read the id
// and fetch the writer's schema by id. The demo plays the user's services, so it talks HTTP to the
// registry like any client would, not through Eventplane's code.
import avro from "avsc";

const CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

export class RegistryCodec {
  private readonly byId = new Map<number, avro.Type>();
  private readonly bySubject = new Map<string, { id: number; type: avro.Type }>();

  constructor(
    private readonly baseUrl: string,
    /** an API token with registry scopes, sent as Bearer (Confluent clients can also send Basic) */
    private readonly token?: string,
  ) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        "content-type": CONTENT_TYPE,
        accept: CONTENT_TYPE,
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as T & { message?: string };
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${json.message ?? ""}`);
    return json;
  }

  /** Registers (idempotently) and remembers the schema as the subject's writer schema. */
  async register(subject: string, schema: object): Promise<number> {
    const { id } = await this.call<{ id: number }>("POST", `/subjects/${encodeURIComponent(subject)}/versions`, {
      schema: JSON.stringify(schema),
    });
    const type = avro.Type.forSchema(schema as avro.Schema);
    this.byId.set(id, type);
    this.bySubject.set(subject, { id, type });
    return id;
  }

  async setCompatibility(subject: string, compatibility: string): Promise<void> {
    await this.call("PUT", `/config/${encodeURIComponent(subject)}`, { compatibility });
  }

  encode(subject: string, value: unknown): Buffer {
    const writer = this.bySubject.get(subject);
    if (!writer) throw new Error(`no schema registered for ${subject}`);
    const header = Buffer.alloc(5);
    header.writeUInt32BE(writer.id, 1);
    return Buffer.concat([header, writer.type.toBuffer(value)]);
  }

  async decode<T>(frame: Buffer): Promise<T> {
    if (frame.length < 5 || frame[0] !== 0) throw new Error("not a Confluent-framed record");
    const id = frame.readUInt32BE(1);
    let type = this.byId.get(id);
    if (!type) {
      const { schema } = await this.call<{ schema: string }>("GET", `/schemas/ids/${id}`);
      type = avro.Type.forSchema(JSON.parse(schema) as avro.Schema);
      this.byId.set(id, type);
    }
    return type.fromBuffer(frame.subarray(5)) as T;
  }
}
