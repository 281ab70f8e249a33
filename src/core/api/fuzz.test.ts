/**
 * The contract under random and boundary input: for every method, values built from its input
 * schema (valid, at each limit, one past it, with control characters and lone surrogates, with an
 * unknown key) and plain junk, sent through the real dispatcher to a seeded database by every kind
 * of caller. Each call must either succeed or fail with a typed error other than INTERNAL, and a
 * call that fails must not have written anything. Seeded, so a failure replays: the seed is in
 * the report (`FUZZ_SEED=… npx vitest run src/core/api/fuzz.test.ts`).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { contract } from '../../shared/api/contract';
import { METHOD_NAMES, type MethodName } from '../../shared/api/methods';
import { ERROR_CODES } from '../../shared/errors';
import { approvedArticle, body, writeArticle } from '../reviewkit';
import { openSeededCore, type TestCore } from '../testkit';

const SEED = Number(process.env.FUZZ_SEED ?? 20260415);
const RUNS_PER_METHOD = Number(process.env.FUZZ_RUNS ?? 24);

let core: TestCore;
let sessions: Record<string, string>;
/** Ids that exist in the seeded database, so that generated calls reach past "not found". */
const known: string[] = [];

beforeAll(async () => {
  ({ core, sessions } = await openSeededCore());
  const site = join(core.dir, 'site');
  mkdirSync(site);
  const target = await core.call(
    'publishing.targets.save',
    { name: 'Trang tĩnh', enabled: true, config: { kind: 'static', folder: site, baseUrl: '', siteTitle: '' } },
    sessions.quantri,
  );
  const draft = await writeArticle(core, sessions.phongvien!);
  const submitted = await writeArticle(core, sessions.phongvien!);
  await core.call('workflow.submit', { articleId: submitted.id }, sessions.phongvien);
  const approved = await approvedArticle(core, sessions.phongvien!, sessions.truongphong!);
  const published = await approvedArticle(core, sessions.phongvien2!, sessions.truongphong!);
  await core.call('workflow.publish', { articleId: published.id }, sessions.truongphong);
  const comment = await core.call(
    'comments.add',
    { articleId: submitted.id, anchor: { exact: 'Lễ hội', prefix: '', suffix: ' Huế' }, body: 'Góp ý' },
    sessions.truongphong,
  );
  const revisions = await core.call('revisions.list', { articleId: draft.id }, sessions.phongvien);
  const queue = await core.call('publishing.queue', {}, sessions.truongphong);
  const users = await core.call('users.list', {}, sessions.quantri);
  known.push(
    draft.id,
    submitted.id,
    approved.id,
    published.id,
    comment.id,
    target.id,
    ...revisions.items.map((item) => item.id),
    ...queue.items.map((item) => item.id),
    ...users.items.map((user) => user.id),
  );
});
afterAll(() => core.close());

const UNSAFE = ['\u0000', '\u0001', '\u0008', '\u000B', '\u001F', '\u007F', '\u0085', '\uFFFE', '\uD800', '\uDFFF'];
const WORDS = ['Huế', 'Lễ hội Áo dài', 'Tổ quốc', 'đường', 'Phòng Văn hóa & Thông tin', '  ', '\t', '\r\n', '🎆'];

type Def = Record<string, unknown> & { type: string };
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;
const checksOf = (def: Def): Def[] => ((def.checks as unknown[] | undefined) ?? []).map(defOf);

/** Lengths worth trying for a string of `min`..`max` characters: each end and one past it. */
function lengths(min: number, max: number | undefined): number[] {
  const out = [0, 1, min, Math.max(0, min - 1)];
  // Past a few hundred thousand characters the dispatcher's size limit answers, not the field's.
  if (max !== undefined && max <= 600_000) out.push(max, max + 1);
  return [...new Set(out)];
}

function stringArb(def: Def, near: boolean): fc.Arbitrary<string> {
  const checks = checksOf(def);
  const max = checks.find((c) => c.check === 'max_length')?.maximum as number | undefined;
  const min = (checks.find((c) => c.check === 'min_length')?.minimum as number | undefined) ?? 0;
  const pattern = checks.find((c) => c.check === 'string_format' && c.format === 'regex')?.pattern as
    RegExp | undefined;
  const format = def.format as string | undefined;
  if (format === 'uuid' || format === 'guid') {
    return near
      ? fc.constantFrom(...known)
      : fc.oneof(fc.constantFrom(...known), fc.uuid(), fc.constant('00000000-0000-0000-0000-00000000000g'));
  }
  if (format === 'datetime') {
    const dates = fc
      .date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
      .map((d) => d.toISOString());
    if (near) return dates;
    return fc.oneof(
      fc
        .date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString()),
      fc.constantFrom('2026-04-15T10:51:38+07:00', '2026-13-01T00:00:00Z', 'hôm qua'),
    );
  }
  if (format === 'base64') {
    return fc.oneof(fc.base64String({ maxLength: 200 }), fc.constantFrom('iVBORw0KGgo=', '!!!', ''));
  }
  const free = fc.oneof(
    { weight: 3, arbitrary: fc.string({ maxLength: 40, unit: 'binary' }) },
    { weight: 3, arbitrary: fc.constantFrom(...WORDS) },
    {
      weight: 2,
      arbitrary: fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...UNSAFE)).map(([a, b]) => a + b + a),
    },
    { weight: 1, arbitrary: fc.constantFrom(...lengths(min, max)).map((n) => 'ạ'.repeat(n)) },
  );
  const fits = fc
    .constantFrom(...WORDS.filter((word) => word.trim().length > 0))
    .map((word) => (word.length < min ? word + 'ạ'.repeat(min) : word).slice(0, max ?? 1000));
  if (!pattern) return near ? fits : free;
  // fast-check builds strings for case-sensitive patterns only; either case matches the lower-case one.
  const matching = fc.stringMatching(new RegExp(pattern.source.toLowerCase(), pattern.flags.replace('i', '')));
  return near ? matching : fc.oneof({ weight: 3, arbitrary: matching }, { weight: 1, arbitrary: free });
}

function numberArb(near: boolean): fc.Arbitrary<number> {
  if (near) return fc.integer({ min: 1, max: 3 });
  return fc.oneof(
    fc.integer({ min: -2, max: 12 }),
    fc.constantFrom(0, 1, 2 ** 31, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, -0, 1.5, NaN, Infinity),
  );
}

/**
 * An arbitrary for values around what `schema` accepts: `near` keeps to values it should accept
 * (so calls reach the handlers), otherwise each value may sit at a limit or just outside it.
 */
function arb(schema: unknown, near: boolean, depth = 0): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const sub = (inner: unknown, deeper = depth) => arb(inner, near, deeper);
  switch (def.type) {
    case 'string':
      return stringArb(def, near);
    case 'number':
      return numberArb(near);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'never':
      return fc.constant(undefined);
    case 'unknown':
    case 'any':
      return fc.jsonValue({ maxDepth: 2 });
    case 'literal':
      return fc.constantFrom(...(def.values as unknown[]));
    case 'enum': {
      const valid = fc.constantFrom(...Object.values(def.entries as Record<string, unknown>));
      return near
        ? valid
        : fc.oneof({ weight: 6, arbitrary: valid }, { weight: 1, arbitrary: fc.constant('không-có') });
    }
    case 'optional':
    case 'default':
      return fc.option(sub(def.innerType), { nil: undefined, freq: 4 });
    case 'nullable':
      return fc.option(sub(def.innerType), { nil: null, freq: 4 });
    case 'union':
      return fc.oneof(...(def.options as unknown[]).map((option) => sub(option)));
    case 'pipe':
      // A refinement before the schema (the editor state's size check) or a transform after a string.
      return defOf(def.in).type === 'unknown' ? sub(def.out) : sub(def.in);
    case 'lazy':
      return depth > 3 ? fc.constant({ type: 'text', text: 'Huế' }) : sub((def.getter as () => unknown)(), depth + 1);
    case 'array': {
      const max = checksOf(def).find((c) => c.check === 'max_length')?.maximum as number | undefined;
      const items = fc.array(sub(def.element, depth + 1), { maxLength: 3 });
      if (near || max === undefined || max > 60) return items;
      const pastLimit = fc.array(sub(def.element, depth + 1), { minLength: max + 1, maxLength: max + 1 });
      return fc.oneof({ weight: 4, arbitrary: items }, { weight: 1, arbitrary: pastLimit });
    }
    case 'record':
      return fc.dictionary(fc.string({ maxLength: 8 }), sub(def.valueType, depth + 1), { maxKeys: 3 });
    case 'object': {
      const shape = def.shape as Record<string, unknown>;
      const fields = Object.fromEntries(Object.entries(shape).map(([key, value]) => [key, sub(value)]));
      const record = fc
        .record(fields)
        .map((value) => Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)));
      const catchall = def.catchall ? defOf(def.catchall) : null;
      const extra: fc.Arbitrary<Record<string, unknown>> =
        catchall && catchall.type !== 'never'
          ? fc.dictionary(fc.constantFrom('format', 'style', 'indent', 'version', 'x'), sub(def.catchall, depth + 1), {
              maxKeys: 3,
            })
          : near
            ? fc.constant({})
            : fc.option(fc.constant({ status: 'published' }), { nil: {}, freq: 8 });
      return fc.tuple(record, extra).map(([value, more]) => ({ ...more, ...value }));
    }
    default:
      throw new Error(`No arbitrary for a ${def.type} schema: add one here`);
  }
}

function inputArb(method: MethodName): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 5, arbitrary: arb(contract[method].input as z.ZodType, true) },
    { weight: 4, arbitrary: arb(contract[method].input as z.ZodType, false) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    { weight: 1, arbitrary: fc.constantFrom(undefined, null, [], 'x', 0, { body: body('Huế') }) },
  );
}

// A wrong password is audited on purpose: that entry is the only thing these write.
const COUNTED_FAILURES = new Set(['WRONG_PASSWORD', 'INVALID_CREDENTIALS']);

describe('the contract under random and boundary input', () => {
  it('answers every method with a result or a typed error, and writes nothing when it refuses', async () => {
    const callers = fc.constantFrom<string | null>(null, 'x'.repeat(43), ...Object.values(sessions));
    const seen: Record<string, number> = {};
    for (const [index, method] of METHOD_NAMES.entries()) {
      await fc.assert(
        fc.asyncProperty(inputArb(method), callers, async (input, session) => {
          // Every call starts from the same seeded database: what one call writes is undone after it.
          core.db.exec('BEGIN');
          try {
            const before = core.changes();
            const started = performance.now();
            const result = await core.dispatch({ method, session, input });
            const took = performance.now() - started;
            if (process.env.FUZZ_REPORT && took > 500) {
              console.log(method, Math.round(took), JSON.stringify(input).slice(0, 300));
            }
            const outcome = result.ok ? 'ok' : result.error.code;
            seen[outcome] = (seen[outcome] ?? 0) + 1;
            if (!result.ok) {
              expect(ERROR_CODES).toContain(result.error.code);
              expect(result.error.code, `${method}: ${result.error.message}`).not.toBe('INTERNAL');
              expect(result.error.message.length).toBeGreaterThan(10);
              if (!COUNTED_FAILURES.has(result.error.code)) expect(core.changes(), method).toBe(before);
            }
          } finally {
            core.db.exec('ROLLBACK');
          }
        }),
        { seed: SEED + index, numRuns: RUNS_PER_METHOD, endOnFailure: true },
      );
    }
    if (process.env.FUZZ_REPORT) console.log(seen);
    // The generated calls reached past validation: some succeeded, some were refused for who asked.
    expect(seen.ok).toBeGreaterThan(METHOD_NAMES.length);
    expect(seen.INVALID_INPUT).toBeGreaterThan(0);
    expect(seen.UNAUTHENTICATED).toBeGreaterThan(0);
  });
});
