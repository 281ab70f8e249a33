import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { canonicalHashOfDoc, contentDocFromArticle } from './contentDoc';
import { PROSE_SEED, SEED, SEED_BODY, articleWith } from './fixtures';
import { playScenario, type Command, type Outcome } from './testNetwork';
import { HeadlessReplica } from './testReplica';

// Three workstations edit one article through the flow binding (src/shared/collab) while the
// network between them splits, delays, reorders and repeats their updates. Once everyone has
// everyone's updates, all three must show one article, with one content hash, and every word
// anyone typed must be there once unless a deletion that saw it removed it (expectConverged).
// A failure prints fast-check's seed and the shrunk list of commands; replay it with
// playScenario(SEED, commands).

/** 500 runs take about 25–40 s on a busy two-core machine; more for a longer hunt, fewer for a quick look. */
const RUNS = Math.max(1, Number.parseInt(process.env.BIENTAP_SYNC_FUZZ_RUNS ?? '', 10) || 500);

const replicaIndex = fc.integer({ min: 0, max: 2 });
// Places along the document as fractions; whole ten-thousandths shrink and print readably.
const place = fc.integer({ min: 0, max: 9999 }).map((n) => n / 10_000);

const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('insert' as const), r: replicaIndex, at: place }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('split' as const), r: replicaIndex, at: place }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('linebreak' as const), r: replicaIndex, at: place }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('format' as const),
      r: replicaIndex,
      from: place,
      to: place,
      format: fc.constantFrom('bold' as const, 'italic' as const),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), r: replicaIndex, from: place, to: place }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('retype' as const),
      r: replicaIndex,
      at: place,
      kind: fc.constantFrom('heading' as const, 'quote' as const, 'paragraph' as const),
    }),
  },
  // A whole new editor state with a word added (a save from an editor not bound to the document).
  { weight: 1, arbitrary: fc.record({ op: fc.constant('save' as const), r: replicaIndex, at: place }) },
  {
    // One update arrives at one replica: any one still in flight (late, out of order), and
    // sometimes it stays in flight to arrive again.
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('deliver' as const),
      from: replicaIndex,
      to: replicaIndex,
      which: place,
      again: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('sync' as const), from: replicaIndex, to: replicaIndex }) },
);

/** Edits Lexical itself refused (threw and rolled back) across all runs, by message with numbers as N. */
const refusedByLexical = new Map<string, number>();

/** Everything a scenario must end with, whatever was typed, deleted, split or joined meanwhile. */
function expectConverged(outcome: Outcome): void {
  expect(outcome.recovered, 'errors applying remote changes').toEqual([]);
  for (const message of outcome.refused) {
    const kind = message.replace(/\d+/g, 'N');
    refusedByLexical.set(kind, (refusedByLexical.get(kind) ?? 0) + 1);
  }
  // Each editor shows what a fresh reader of its own document reads.
  outcome.shown.forEach((shown, i) => expect(shown).toEqual(outcome.derived[i]!.body));
  // All three documents read as one article, with one content hash.
  expect(outcome.derived[1]).toEqual(outcome.derived[0]);
  expect(outcome.derived[2]).toEqual(outcome.derived[0]);
  expect(new Set(outcome.hashes).size).toBe(1);
  // Every word typed anywhere is there once, unless a deletion that saw it removed it.
  expect(outcome.lost, `words lost; text: ${JSON.stringify(outcome.text)}`).toEqual([]);
  expect(outcome.doubled, 'words that appear twice').toEqual([]);
  expect(outcome.misplaced, 'words written other than as typed').toEqual([]);
  // Receiving is reading: a replica writes only what its own user does.
  expect(outcome.wroteOnReceive, 'updates written while applying others').toBe(0);
}

describe('three replicas under partitions', () => {
  it(`converge to one article and lose no typed word (${RUNS} runs)`, async () => {
    const started = performance.now();
    // Asynchronous so that microtasks run between scenarios and no editor outlives its run.
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 60 }), async (commands) =>
        expectConverged(playScenario(SEED, commands)),
      ),
      { numRuns: RUNS },
    );
    const perRun = (performance.now() - started) / RUNS;
    console.info(`convergence: ${RUNS} runs, ${perRun.toFixed(1)} ms per run`);
    if (refusedByLexical.size > 0) console.info('edits Lexical refused and rolled back:', refusedByLexical);
  }, 300_000);

  // Without lists and tables, a reader builds the article from the flow's JSON with no editor
  // update: each editor must still show exactly what that reader reads.
  it(`converge from an article of paragraphs, headings, quotes and photos (${Math.ceil(RUNS / 2)} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 60 }), async (commands) =>
        expectConverged(playScenario(PROSE_SEED, commands)),
      ),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  }, 300_000);

  it('two replicas that exchanged updates in different orders compute one hash', () => {
    const a = new HeadlessReplica(11, SEED);
    const b = new HeadlessReplica(12, SEED);
    const c = new HeadlessReplica(13, SEED);
    try {
      a.insertText(0.1, 'w1x');
      a.toggleFormat(0.1, 0.4, 'bold');
      b.insertText(0.5, 'w2x');
      b.splitParagraph(0.3);
      c.deleteRange(0.6, 0.8);
      c.insertLineBreak(0.2);
      const updates = [a, b, c].map((replica) => replica.outbox.splice(0));
      const [fromA, fromB, fromC] = updates as [Uint8Array[], Uint8Array[], Uint8Array[]];
      // x receives A's, B's then C's updates in order; y receives them all backwards, then A's and C's again.
      const x = new HeadlessReplica(21, SEED);
      const y = new HeadlessReplica(22, SEED);
      try {
        for (const update of [...fromA, ...fromB, ...fromC]) x.receive(update);
        for (const update of [...fromC, ...fromB, ...fromA].reverse()) y.receive(update);
        for (const update of [...fromA, ...fromC]) y.receive(update);
        expect(canonicalHashOfDoc(x.doc)).toBe(canonicalHashOfDoc(y.doc));
        // Applying remote changes, the binding may write Lexical's normalisation back (a merged text
        // run, say); those writes travel like any edit. Once both have the other's, they are one state.
        for (let round = 0; round < 3; round++) {
          const fromX = x.outbox.splice(0);
          const fromY = y.outbox.splice(0);
          for (const update of fromY) x.receive(update);
          for (const update of fromX) y.receive(update);
        }
        expect(Y.encodeStateVector(x.doc)).toEqual(Y.encodeStateVector(y.doc));
        expect(canonicalHashOfDoc(x.doc)).toBe(canonicalHashOfDoc(y.doc));
        expect(x.editorBody()).toEqual(y.editorBody());
        expect(x.text()).toContain('w1x');
        expect(x.text()).toContain('w2x');
        // And the hash moved: the edits are in it.
        expect(canonicalHashOfDoc(x.doc)).not.toBe(canonicalHashOfDoc(contentDocFromArticle(articleWith(SEED_BODY))));
      } finally {
        x.dispose();
        y.dispose();
      }
    } finally {
      for (const replica of [a, b, c]) replica.dispose();
    }
  });
});
