// Where a search stopped, handed to the person as an opaque string and back: per partition, the next
// position to read (and, newest first, the end the search began at). Parsed strictly: a cursor is
// input from outside like any other.
import { z } from "zod";
import { DomainError } from "@/server/errors";

const Offset = z.string().regex(/^\d{1,19}$/);
const CursorShape = z.object({
  d: z.enum(["newest", "oldest"]),
  l: z.array(z.tuple([z.number().int().min(0), Offset, Offset])).max(100_000),
});

export type Cursor = { direction: "newest" | "oldest"; lanes: { partition: number; pos: bigint; high: bigint }[] };

export function encodeCursor(c: Cursor): string {
  const body = { d: c.direction, l: c.lanes.map((l) => [l.partition, l.pos.toString(), l.high.toString()]) };
  return Buffer.from(JSON.stringify(body)).toString("base64url");
}

export function decodeCursor(text: string, direction: "newest" | "oldest"): Cursor {
  let parsed: z.infer<typeof CursorShape>;
  try {
    parsed = CursorShape.parse(JSON.parse(Buffer.from(text, "base64url").toString("utf8")));
  } catch {
    throw new DomainError("INVALID_INPUT", "The cursor is not one this search gave out");
  }
  if (parsed.d !== direction) throw new DomainError("INVALID_INPUT", `The cursor continues a ${parsed.d}-first search`);
  return { direction: parsed.d, lanes: parsed.l.map(([partition, pos, high]) => ({ partition, pos: BigInt(pos), high: BigInt(high) })) };
}
