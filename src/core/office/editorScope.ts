import * as Y from 'yjs';
import { AppError } from '../../shared/errors';

// What an update from a live editor may touch. The renderer is not trusted: an update it sends is
// checked against the document before it is applied (once applied it is on its way to the office),
// item by item: every new item must land in one of the given roots (by its parent, or by the
// neighbour it is inserted next to), and every deletion must remove items of those roots.

type Struct = ReturnType<typeof Y.decodeUpdate>['structs'][number];

const refuse = (why: string): never => {
  throw new AppError(
    'BAD_REQUEST',
    `Thay đổi gửi từ trình soạn thảo không hợp lệ (${why}). Hãy tải lại bài rồi thử lại.`,
  );
};

/** The root (by name) a type of the document belongs to. */
function rootOfType(type: Y.AbstractType<unknown>): string {
  let current = type;
  while (current._item) current = current._item.parent as Y.AbstractType<unknown>;
  return Y.findRootTypeKey(current);
}

/** Throws BAD_REQUEST unless everything `update` adds or deletes in `doc` lies within `roots`. */
export function assertUpdateWithin(doc: Y.Doc, update: Uint8Array, allowed: ReadonlySet<string>): void {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return refuse('không đọc được');
  }
  const store = doc.store;
  const known = (client: number) => Y.getState(store, client);
  // The update's structs by client, in clock order (as an update lists them).
  const byClient = new Map<number, Struct[]>();
  for (const struct of decoded.structs) {
    const list = byClient.get(struct.id.client);
    if (list) list.push(struct);
    else byClient.set(struct.id.client, [struct]);
  }
  /** The struct of this update that holds `clock` of `client`, if any. */
  const inUpdate = (client: number, clock: number): Struct | null => {
    const list = byClient.get(client);
    if (!list) return null;
    let low = 0;
    let high = list.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const struct = list[middle]!;
      if (clock < struct.id.clock) high = middle - 1;
      else if (clock >= struct.id.clock + struct.length) low = middle + 1;
      else return struct;
    }
    return null;
  };

  const roots = new Map<Struct, string>();
  const find = (id: Y.ID): Struct | Y.Item | null =>
    id.clock < known(id.client) ? Y.getItem(store, id) : inUpdate(id.client, id.clock);
  /**
   * The root an item lands in: by its parent type once it is in the document, else as the update
   * says (its parent, or the neighbour it is inserted next to), followed without recursion: a
   * typed run is a long chain of neighbours.
   */
  const rootOf = (first: Struct | Y.Item): string => {
    const chain: Struct[] = [];
    const seen = new Set<Struct>();
    let current: Struct | Y.Item | null = first;
    let root: string | undefined;
    while (root === undefined) {
      if (!(current instanceof Y.Item)) return refuse('phần tử không phải nội dung');
      if (current.parent instanceof Y.AbstractType) {
        root = rootOfType(current.parent);
        break;
      }
      root = roots.get(current);
      if (root !== undefined) break;
      if (seen.has(current)) return refuse('tham chiếu vòng');
      seen.add(current);
      chain.push(current);
      const parent = current.parent as unknown;
      if (typeof parent === 'string') root = parent;
      else if (parent instanceof Y.ID) {
        const holder = find(parent);
        if (!(holder instanceof Y.Item) || !(holder.content instanceof Y.ContentType))
          return refuse('kiểu cha không có');
        current = holder;
      } else {
        const neighbour: Y.ID | null = current.origin ?? current.rightOrigin;
        current = neighbour ? find(neighbour) : null;
        if (!current) return refuse('phần tử bên cạnh không có');
      }
    }
    for (const struct of chain) roots.set(struct, root);
    return root;
  };

  for (const struct of decoded.structs) {
    // What the document already holds is left as it is when the update is applied.
    if (struct.id.clock + struct.length <= known(struct.id.client)) continue;
    if (struct instanceof Y.Skip) return refuse('thiếu phần trước');
    if (!allowed.has(rootOf(struct))) return refuse('chạm vào phần không thuộc nội dung bài');
  }
  for (const [client, ranges] of decoded.ds.clients) {
    const structs = store.clients.get(client);
    for (const { clock, len } of ranges) {
      const end = clock + len;
      // Items the document holds…
      if (structs && clock < known(client)) {
        for (let index = Y.findIndexSS(structs, clock); index < structs.length; index++) {
          const struct = structs[index]!;
          if (struct.id.clock >= end) break;
          if (struct instanceof Y.Item && !allowed.has(rootOfType(struct.parent as Y.AbstractType<unknown>))) {
            return refuse('xóa phần không thuộc nội dung bài');
          }
        }
      }
      // …and items new in this update (typed and deleted again before it was sent).
      for (let at = Math.max(clock, known(client)); at < end;) {
        const struct = inUpdate(client, at);
        if (!struct) return refuse('xóa phần không có');
        if (!allowed.has(rootOf(struct))) return refuse('xóa phần không thuộc nội dung bài');
        at = struct.id.clock + struct.length;
      }
    }
  }
}
