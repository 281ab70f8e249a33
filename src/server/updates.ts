import * as Y from 'yjs';

/** Refusals of an incoming document message, as the close reason the workstation receives. */
export type UpdateRefusal = 'update-too-large' | 'update-malformed';

export class UpdateRefused extends Error {
  /** Hocuspocus closes the document's connection with this code and reason. */
  readonly code: number;
  readonly reason: UpdateRefusal;

  constructor(reason: UpdateRefusal) {
    super(reason);
    this.name = 'UpdateRefused';
    this.reason = reason;
    this.code = reason === 'update-too-large' ? 4413 : 4400;
  }
}

// Hocuspocus message types (first varUint after the document name) and y-protocols sync steps.
const MESSAGE_SYNC = 0;
const MESSAGE_SYNC_REPLY = 4;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

/**
 * Looks at a message before Hocuspocus applies it: a Yjs update (sync step 2 or update) larger than
 * the cap, or one that does not decode, is refused, so it never reaches the document or the log.
 * Returns the update it carries, or null for other message kinds and for an update that carries
 * nothing, which pass; the WebSocket's own payload limit bounds them.
 */
export function checkIncomingMessage(data: Uint8Array, maxUpdateBytes: number): Uint8Array | null {
  let update: Uint8Array;
  try {
    const reader = new Reader(data);
    reader.skip(reader.varUint()); // the document name
    const type = reader.varUint();
    if (type !== MESSAGE_SYNC && type !== MESSAGE_SYNC_REPLY) return null;
    const step = reader.varUint();
    if (step !== SYNC_STEP_2 && step !== SYNC_UPDATE) return null;
    const length = reader.varUint();
    if (length > maxUpdateBytes) throw new UpdateRefused('update-too-large');
    update = reader.bytes(length);
  } catch (error) {
    if (error instanceof UpdateRefused) throw error;
    throw new UpdateRefused('update-malformed');
  }
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    // Decoding walks every struct and the delete set: truncated or garbled bytes throw here.
    decoded = Y.decodeUpdate(update);
  } catch {
    throw new UpdateRefused('update-malformed');
  }
  // An update that carries nothing (a joining workstation's answer to the server's state, sent for
  // every document) changes nothing when applied: nothing to store.
  return decoded.structs.length === 0 && decoded.ds.clients.size === 0 ? null : update;
}

/** The few lib0 encodings the message header uses (variable-length unsigned integers, length-prefixed bytes). */
class Reader {
  private position = 0;

  constructor(private readonly data: Uint8Array) {}

  varUint(): number {
    let value = 0;
    for (let shift = 0; shift < 53; shift += 7) {
      const byte = this.data[this.position++];
      if (byte === undefined) throw new RangeError('truncated');
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
    throw new RangeError('varUint too long');
  }

  skip(length: number): void {
    this.bytes(length);
  }

  bytes(length: number): Uint8Array {
    if (length > this.data.length - this.position) throw new RangeError('truncated');
    const view = this.data.subarray(this.position, this.position + length);
    this.position += length;
    return view;
  }
}
