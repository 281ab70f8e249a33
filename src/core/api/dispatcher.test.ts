import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { emptyEditorState } from '../articles/editorState';
import { openSeededCore, type TestCore } from '../testkit';
import { createDispatcher } from './dispatcher';
import { handlers } from './handlers';
import { METHOD_NAMES } from '../../shared/api/methods';
import { contract } from '../../shared/api/contract';

let core: TestCore;
let sessions: Record<string, string>;
let articleId: string;

beforeEach(async () => {
  ({ core, sessions } = await openSeededCore());
  articleId = (await core.call('articles.create', { title: 'Bài thử' }, sessions.phongvien)).id;
});
afterEach(() => core.close());

/** Runs a call that must be refused with `code` and must not write anything. */
async function expectRejectedUntouched(envelope: unknown, code: string): Promise<void> {
  const before = core.changes();
  const result = await core.dispatch(envelope);
  expect(result.ok).toBe(false);
  if (!result.ok) {
    expect(result.error.code).toBe(code);
    expect(result.error.message.length).toBeGreaterThan(10);
  }
  expect(core.changes()).toBe(before);
}

describe('dispatcher', () => {
  it('has a handler and a contract entry for every method name, and nothing else', () => {
    expect(Object.keys(handlers).sort()).toEqual([...METHOD_NAMES].sort());
    expect(Object.keys(contract).sort()).toEqual([...METHOD_NAMES].sort());
  });

  it('rejects envelopes that are not an object of the right shape', async () => {
    for (const envelope of [null, 42, 'articles.list', [], { method: 1 }, { method: 'articles.list', extra: true }]) {
      await expectRejectedUntouched(envelope, 'BAD_REQUEST');
    }
  });

  it('rejects unknown methods, including prototype names', async () => {
    for (const method of ['articles.drop', '__proto__', 'constructor', 'toString']) {
      await expectRejectedUntouched({ method, session: sessions.quantri, input: {} }, 'UNKNOWN_METHOD');
    }
  });

  it('rejects a wrong type with the field path, before looking at the session', async () => {
    const before = core.changes();
    const result = await core.tryCall('articles.save', {
      id: articleId,
      baseVersion: '1',
      title: 7,
      summary: '',
      body: emptyEditorState(),
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    if (!result.ok)
      expect(result.error.issues?.map((i) => i.path)).toEqual(expect.arrayContaining(['baseVersion', 'title']));
    expect(core.changes()).toBe(before);
  });

  it('rejects unknown fields and node types the editor may not store', async () => {
    const base = { id: articleId, baseVersion: 1, title: 'x', summary: '', body: emptyEditorState() };
    await expectRejectedUntouched(
      { method: 'articles.save', session: sessions.phongvien, input: { ...base, status: 'published' } },
      'INVALID_INPUT',
    );
    const hostile = emptyEditorState();
    hostile.root.children = [{ type: 'script' as never, text: 'alert(1)' }];
    await expectRejectedUntouched(
      { method: 'articles.save', session: sessions.phongvien, input: { ...base, body: hostile } },
      'INVALID_INPUT',
    );
  });

  it('rejects absurdly deep payloads without walking them recursively', async () => {
    let deep: Record<string, unknown> = { type: 'text', text: 'x' };
    for (let i = 0; i < 5000; i++) deep = { type: 'paragraph', children: [deep] };
    const body = { root: { type: 'root', children: [deep] } };
    await expectRejectedUntouched(
      {
        method: 'articles.save',
        session: sessions.phongvien,
        input: { id: articleId, baseVersion: 1, title: '', summary: '', body },
      },
      'INVALID_INPUT',
    );
  });

  it('rejects a missing, unknown or ended session', async () => {
    await expectRejectedUntouched({ method: 'articles.list', input: {} }, 'UNAUTHENTICATED');
    await expectRejectedUntouched({ method: 'articles.list', session: null, input: {} }, 'UNAUTHENTICATED');
    await expectRejectedUntouched({ method: 'articles.list', session: 'x'.repeat(43), input: {} }, 'UNAUTHENTICATED');
    await core.call('auth.logout', {}, sessions.phongvien);
    await expectRejectedUntouched(
      { method: 'articles.list', session: sessions.phongvien, input: {} },
      'UNAUTHENTICATED',
    );
  });

  it('checks the role before running the handler', async () => {
    await expectRejectedUntouched(
      {
        method: 'users.create',
        session: sessions.phongvien,
        input: { username: 'moi', displayName: 'Mới', password: 'mat-khau-dai-du', role: 'admin' },
      },
      'FORBIDDEN',
    );
  });

  it('refuses output that breaks the contract instead of passing it on', async () => {
    const errors: unknown[] = [];
    const broken = createDispatcher(
      core.ctx,
      { ...handlers, 'setup.status': { access: 'public', run: () => ({ needsAdmin: 'yes' }) as never } },
      (error) => errors.push(error),
    );
    const result = await broken({ method: 'setup.status', input: {} });
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(String(errors[0])).toMatch(/does not match the contract/);
  });

  it('turns an unexpected exception into INTERNAL with a Vietnamese message', async () => {
    const failing = createDispatcher(
      core.ctx,
      {
        ...handlers,
        'setup.status': {
          access: 'public',
          run: () => {
            throw new Error('disk on fire');
          },
        },
      },
      () => {},
    );
    const result = await failing({ method: 'setup.status', input: {} });
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    if (!result.ok) expect(result.error.message).toMatch(/lỗi/);
  });

  it('validates every public schema as zod objects (no accidental passthrough)', () => {
    for (const name of METHOD_NAMES) expect(contract[name].input).toBeInstanceOf(z.ZodType);
  });
});
