import type { EditorState } from '../../shared/domain';
import { articleContentHash } from '../signoff/approval';
import type { ContentMeta } from './contentDoc';
import { HeadlessReplica, TOKEN } from './testReplica';

// Three replicas of one content document, the edits people make on each, and a network that
// splits, delays, reorders and repeats their updates: one scenario of the convergence tests,
// played from a list of commands so a failing list can be replayed exactly.

/** One step: an edit on replica `r` (places are fractions of its word edges), or network traffic. */
export type Command =
  | { op: 'insert' | 'split' | 'linebreak'; r: number; at: number }
  | { op: 'format'; r: number; from: number; to: number; format: 'bold' | 'italic' }
  | { op: 'delete'; r: number; from: number; to: number }
  | { op: 'retype'; r: number; at: number; kind: 'heading' | 'quote' | 'paragraph' }
  | { op: 'save'; r: number; at: number }
  | { op: 'deliver'; from: number; to: number; which: number; again: boolean }
  | { op: 'sync'; from: number; to: number };

/** Far more text than a scenario types: copies of copies growing without end. */
const MAX_TEXT = 20_000;

/** Far more updates than a scenario's edits and their write-backs can make. */
const MAX_HEALING_DELIVERIES = 5_000;

/** The network: per link, the updates sent and not yet delivered (or to be delivered again). */
export class Network {
  private readonly queues = new Map<string, Uint8Array[]>();
  /** `onWriteBack` is told of each replica that wrote to its document while applying an update. */
  constructor(
    private readonly replicas: HeadlessReplica[],
    private readonly onWriteBack: (replica: HeadlessReplica) => void = () => undefined,
  ) {}

  /** Delivers one update, then sends on whatever the receiver wrote back. */
  private receive(to: number, update: Uint8Array): void {
    const replica = this.replicas[to]!;
    replica.receive(update);
    if (replica.outbox.length > 0) this.onWriteBack(replica);
    this.send();
  }

  private queue(from: number, to: number): Uint8Array[] {
    const key = `${from}>${to}`;
    let queue = this.queues.get(key);
    if (!queue) this.queues.set(key, (queue = []));
    return queue;
  }

  /** Puts every replica's new updates on its links to the others. */
  send(): void {
    this.replicas.forEach((replica, from) => {
      for (const update of replica.outbox.splice(0)) {
        this.replicas.forEach((_, to) => {
          if (to !== from) this.queue(from, to).push(update);
        });
      }
    });
  }

  deliver(from: number, to: number, which: number, again: boolean): void {
    const queue = this.queue(from, to);
    if (from === to || queue.length === 0) return;
    const index = Math.min(queue.length - 1, Math.floor(which * queue.length));
    this.receive(to, again ? queue[index]! : queue.splice(index, 1)[0]!);
  }

  /** Brings `to` up to date with `from` by state vectors, as a provider's sync step does. */
  sync(from: number, to: number): void {
    if (from === to) return;
    this.receive(to, this.replicas[from]!.updateFor(this.replicas[to]!.stateVector()));
  }

  /** The partition ends: everything in flight arrives (newest first), then replicas sync until equal. */
  heal(): void {
    // Updates a delivery makes (the binding writing back) join the queues and arrive in this loop
    // too; replicas that kept answering each other for ever would be a defect of their own.
    let deliveries = 0;
    for (const [key, queue] of this.queues) {
      const to = Number(key.split('>')[1]);
      while (queue.length > 0) {
        if (++deliveries > MAX_HEALING_DELIVERIES) {
          throw new Error(`replicas still writing back after ${MAX_HEALING_DELIVERIES} deliveries`);
        }
        this.receive(to, queue.pop()!);
      }
    }
    for (let round = 0; round < 5; round++) {
      for (let to = 0; to < this.replicas.length; to++) {
        for (let from = 0; from < this.replicas.length; from++) this.sync(from, to);
      }
      const vectors = this.replicas.map((replica) => Buffer.from(replica.stateVector()).toString('hex'));
      if (new Set(vectors).size === 1) return;
    }
    throw new Error('replicas did not reach one state after five rounds of syncing');
  }
}

/** What a scenario ended with, once every replica had every update. */
export interface Outcome {
  /** What each replica's editor shows. */
  shown: EditorState[];
  /** What a fresh reader of each replica's document derives. */
  derived: { body: EditorState; meta: ContentMeta }[];
  /** The content hash of each derived article. */
  hashes: string[];
  text: string;
  inserted: string[];
  /** Tokens a deletion removed where it was made. */
  deleted: string[];
  /** Tokens neither deleted nor present. */
  lost: string[];
  /** Tokens that appear more than once. */
  doubled: string[];
  /** Tokens the binding did not write as typed (see HeadlessReplica.insertText). */
  misplaced: string[];
  /** Updates replicas wrote while applying others' updates. */
  wroteOnReceive: number;
  /** Edits Lexical itself threw on and rolled back, by message. */
  refused: string[];
  /** Errors the binding threw applying remote changes (the replica then reloaded its editor). */
  recovered: string[];
}

/** Plays `commands` on three replicas of `seed`, then heals the network and reads the result. */
export function playScenario(seed: Uint8Array, commands: readonly Command[]): Outcome {
  const replicas = [1, 2, 3].map((clientID) => new HeadlessReplica(clientID, seed));
  try {
    const inserted: string[] = [];
    const deleted = new Set<string>();
    const network = new Network(replicas);
    for (const c of commands) {
      switch (c.op) {
        case 'insert': {
          const token = `w${inserted.length}x`;
          if (replicas[c.r]!.insertText(c.at, token)) inserted.push(token);
          break;
        }
        case 'split':
          replicas[c.r]!.splitParagraph(c.at);
          break;
        case 'linebreak':
          replicas[c.r]!.insertLineBreak(c.at);
          break;
        case 'format':
          replicas[c.r]!.toggleFormat(c.from, c.to, c.format);
          break;
        case 'delete':
          for (const token of replicas[c.r]!.deleteRange(c.from, c.to)) deleted.add(token);
          break;
        case 'retype':
          replicas[c.r]!.retype(c.at, c.kind);
          break;
        case 'save': {
          const token = `w${inserted.length}x`;
          if (replicas[c.r]!.saveWhole(c.at, token)) inserted.push(token);
          break;
        }
        case 'deliver':
          network.deliver(c.from, c.to, c.which, c.again);
          break;
        case 'sync':
          network.sync(c.from, c.to);
          break;
      }
      network.send();
      // The seed has some 150 characters and a scenario types at most a few hundred more.
      for (const replica of replicas) {
        const size = replica.text().length;
        if (size > MAX_TEXT) throw new Error(`a replica's text grew to ${size} characters`);
      }
    }
    network.heal();

    const derived = replicas.map((replica) => replica.derived());
    const text = replicas[0]!.text();
    const counts = new Map<string, number>();
    for (const token of text.match(TOKEN) ?? []) counts.set(token, (counts.get(token) ?? 0) + 1);
    return {
      shown: replicas.map((replica) => replica.editorBody()),
      derived,
      hashes: derived.map(({ body, meta }) => articleContentHash({ ...meta, body })),
      text,
      inserted,
      deleted: [...deleted],
      lost: inserted.filter((token) => !deleted.has(token) && !counts.has(token)),
      doubled: [...counts].filter(([, count]) => count > 1).map(([token]) => token),
      misplaced: replicas.flatMap((replica) => replica.misplaced),
      wroteOnReceive: replicas.reduce((sum, replica) => sum + replica.wroteOnReceive.length, 0),
      refused: replicas.flatMap((replica) => replica.refused),
      recovered: replicas.flatMap((replica) => replica.recovered),
    };
  } finally {
    for (const replica of replicas) replica.dispose();
  }
}
