import { createHeadlessEditor } from '@lexical/headless';
import { $isElementNode, ParagraphNode, type Klass, type LexicalNode } from 'lexical';
import type { EditorNode, EditorState } from '../../shared/domain';
import { articleNodes } from '../../shared/lexical/nodes';
import { articleContentHash } from '../signoff/approval';
import type { ContentMeta } from './contentDoc';
import { HeadlessReplica, TOKEN, type Removal } from './testReplica';

// Three replicas of one content document, the edits people make on each, and a network that
// splits, delays, reorders and repeats their updates: one scenario of the convergence tests,
// played from a list of commands so a failing list can be replayed exactly.

/** One step: an edit on replica `r` (places are fractions of its word edges), or network traffic. */
export type Command =
  | { op: 'insert' | 'split' | 'linebreak'; r: number; at: number }
  | { op: 'format'; r: number; from: number; to: number; format: 'bold' | 'italic' }
  | { op: 'delete'; r: number; from: number; to: number }
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

/**
 * Edits that binding v2 carries out by removing shared types and writing copies of what they held
 * (bindingV2.test.ts): a word typed meanwhile into a removed type is lost with it.
 */
export const STRUCTURAL: readonly Removal['by'][] = ['delete', 'join', 'split', 'linebreak'];

/** Element types Lexical removes when they lose their last child (`canBeEmpty()` is false). */
const NEVER_EMPTY: ReadonlySet<string> = (() => {
  const editor = createHeadlessEditor({ nodes: [...articleNodes()] });
  const types = new Set<string>();
  editor.update(
    () => {
      for (const klass of [...articleNodes(), ParagraphNode] as Klass<LexicalNode>[]) {
        const node = new klass();
        if ($isElementNode(node) && !node.canBeEmpty()) types.add(node.getType());
      }
    },
    { discrete: true },
  );
  return types;
})();

/** `body` without elements of a type Lexical never leaves empty that are empty all the same. */
export function withoutEmptyElements(body: EditorState): EditorState {
  const prune = (node: EditorNode): EditorNode | null => {
    const children = (node as { children?: EditorNode[] }).children;
    if (!children) return node;
    const kept = children.map(prune).filter((child): child is EditorNode => child !== null);
    if (kept.length === 0 && NEVER_EMPTY.has(node.type)) return null;
    return { ...node, children: kept } as EditorNode;
  };
  return { root: prune(body.root) as EditorState['root'] };
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
  /**
   * Tokens neither deleted nor present that lived in a block or text run a concurrent structural
   * edit (a deletion, Enter, Shift+Enter) removed, with the kinds of edit that removed one.
   */
  lostWithRemovedType: { token: string; by: Removal['by'][] }[];
  /**
   * Tokens neither deleted nor present (nor lost as above) that the binding wrote misplaced, sharing
   * letters with a neighbouring word that a deletion then took (see HeadlessReplica.insertText).
   */
  lostAsMisplaced: string[];
  /** Tokens neither deleted nor present, for no reason the test accepts. */
  lost: string[];
  /** Of `lost`, those that lived in a block or text run some other edit removed. */
  lostWithOtherRemoval: string[];
  /**
   * Tokens that appear more than once and were copied from one text run to another on the way:
   * two replicas split, joined or normalised the same text, each writing its own copy (see the test).
   */
  doubledByCopies: string[];
  /** Tokens that appear more than once for no reason the test accepts. */
  doubled: string[];
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
    /** Every text run and block each token has lived in, on any replica, at any time. */
    const homes = new Map<string, Set<string>>();
    /** The text runs alone: a token seen in two has been copied (a split, a join, a write-back). */
    const runs = new Map<string, Set<string>>();
    const noteHomes = (replica: HeadlessReplica) => {
      // The seed has some 150 characters and a scenario types at most a few hundred more.
      const size = replica.text().length;
      if (size > MAX_TEXT) throw new Error(`a replica's text grew to ${size} characters`);
      for (const [token, chain] of replica.tokenHomes()) {
        let places = homes.get(token);
        if (!places) homes.set(token, (places = new Set()));
        let texts = runs.get(token);
        if (!texts) runs.set(token, (texts = new Set()));
        texts.add(chain[chain.length - 1]!);
        for (const id of chain) places.add(id);
      }
    };
    // A replica that writes while applying an update (the binding writing Lexical's normalisation
    // back) may move text as an edit does, so where tokens live is noted then too.
    const network = new Network(replicas, noteHomes);
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
        case 'deliver':
          network.deliver(c.from, c.to, c.which, c.again);
          break;
        case 'sync':
          network.sync(c.from, c.to);
          break;
      }
      network.send();
      for (const replica of replicas) noteHomes(replica);
    }
    network.heal();
    for (const replica of replicas) noteHomes(replica);

    const shown = replicas.map((replica) => replica.editorBody());
    const derived = replicas.map((replica) => replica.derived());
    const text = replicas[0]!.text();
    const counts = new Map<string, number>();
    for (const token of text.match(TOKEN) ?? []) counts.set(token, (counts.get(token) ?? 0) + 1);
    const missing = inserted.filter((token) => !deleted.has(token) && !counts.has(token));
    /** Which kinds of edit removed each shared type. */
    const removedBy = new Map<string, Set<Removal['by']>>();
    const joined = new Set(replicas.flatMap((replica) => replica.joined));
    for (const { by, types } of replicas.flatMap((replica) => replica.removals)) {
      for (const id of types) {
        let kinds = removedBy.get(id);
        if (!kinds) removedBy.set(id, (kinds = new Set()));
        // A deletion removes the blocks it covers whole and the block it ends in, whose rest it copies.
        kinds.add(by === 'delete' && joined.has(id) ? 'join' : by);
      }
    }
    const removers = (token: string) =>
      new Set([...(homes.get(token) ?? [])].flatMap((id) => [...(removedBy.get(id) ?? [])]));
    const structural = (token: string) => [...removers(token)].filter((by) => STRUCTURAL.includes(by));
    const doubled = [...counts].filter(([, count]) => count > 1).map(([token]) => token);
    const misplaced = new Set(replicas.flatMap((replica) => replica.misplaced));
    const lost = missing.filter((token) => structural(token).length === 0 && !misplaced.has(token));
    return {
      shown,
      derived,
      hashes: derived.map(({ body, meta }) => articleContentHash({ ...meta, body })),
      text,
      inserted,
      deleted: [...deleted],
      lostWithRemovedType: missing.map((token) => ({ token, by: structural(token) })).filter(({ by }) => by.length > 0),
      lostAsMisplaced: missing.filter((token) => structural(token).length === 0 && misplaced.has(token)),
      lost,
      lostWithOtherRemoval: lost.filter((token) => removers(token).size > 0),
      doubledByCopies: doubled.filter((token) => (runs.get(token)?.size ?? 0) > 1),
      doubled: doubled.filter((token) => (runs.get(token)?.size ?? 0) <= 1),
      refused: replicas.flatMap((replica) => replica.refused),
      recovered: replicas.flatMap((replica) => replica.recovered),
    };
  } finally {
    for (const replica of replicas) replica.dispose();
  }
}
