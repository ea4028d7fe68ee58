// Writes that arrive while another is in flight wait, and the next write takes all of them at once
// (up to `maxSize`): many small transactions side by side become a few large ones, one after another.
// Each caller's promise settles only when its own item was written, or failed.
//
// A group that fails is written again one item at a time, so an item that cannot be written fails
// alone: another caller never gets an error because of what it happened to be grouped with.

export type GroupedWriter<T> = (item: T) => Promise<void>;

type Waiting<T> = { item: T; resolve: () => void; reject: (error: unknown) => void };

export function groupedWriter<T>(opts: {
  /** writes a group; a rejection means none of it was kept (one transaction) */
  write: (items: T[]) => Promise<void>;
  /** an item's share of maxSize (e.g. its rows) */
  size: (item: T) => number;
  /** a group is closed once it reaches this size; an item larger than it is written alone */
  maxSize: number;
}): GroupedWriter<T> {
  const queue: Waiting<T>[] = [];
  let writing = false;

  const takeGroup = () => {
    const group: Waiting<T>[] = [];
    let size = 0;
    while (queue.length && (group.length === 0 || size + opts.size(queue[0]!.item) <= opts.maxSize)) {
      const next = queue.shift()!;
      size += opts.size(next.item);
      group.push(next);
    }
    return group;
  };

  const writeAlone = async (w: Waiting<T>) => {
    try {
      await opts.write([w.item]);
      w.resolve();
    } catch (error) {
      w.reject(error);
    }
  };

  const writeGroup = async (group: Waiting<T>[]) => {
    if (group.length === 1) return writeAlone(group[0]!);
    try {
      await opts.write(group.map((w) => w.item));
    } catch {
      for (const w of group) await writeAlone(w);
      return;
    }
    for (const w of group) w.resolve();
  };

  const drain = async () => {
    writing = true;
    try {
      while (queue.length) await writeGroup(takeGroup());
    } finally {
      writing = false;
    }
  };

  return (item: T) =>
    new Promise<void>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (!writing) void drain();
    });
}
