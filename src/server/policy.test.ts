import { describe, expect, it } from 'vitest';
import { serverAuthMessage } from '../shared/sync/auth';
import { parseDocumentName } from '../shared/sync/documents';
import { Challenges } from './auth';
import { SERVER_ROLES } from './directory';
import { documentAccess } from './policy';
import { UpdateRefused, checkIncomingMessage } from './updates';
import { concat, updateMessage, utf8, varBytes } from './testkit';
import * as Y from 'yjs';

describe('documentAccess', () => {
  it('lets only an administrator write the directory, and every member write articles', () => {
    const table = Object.fromEntries(
      SERVER_ROLES.map((role) => [
        role,
        (['directory', 'content', 'review', 'articles'] as const).map((kind) => documentAccess(role, kind)),
      ]),
    );
    expect(table).toEqual({
      reporter: ['read', 'write', 'write', 'write'],
      editor: ['read', 'write', 'write', 'write'],
      head: ['read', 'write', 'write', 'write'],
      admin: ['write', 'write', 'write', 'write'],
    });
  });
});

describe('parseDocumentName', () => {
  const id = '0b8f3c2e-5d4a-4f6b-9c1d-2e3f4a5b6c7d';
  it('knows the four kinds of document and nothing else', () => {
    expect(parseDocumentName(`article/${id}/content`)).toEqual({ kind: 'content', articleId: id });
    expect(parseDocumentName(`article/${id}/review`)).toEqual({ kind: 'review', articleId: id });
    expect(parseDocumentName('office/directory')).toEqual({ kind: 'directory' });
    expect(parseDocumentName('office/articles')).toEqual({ kind: 'articles' });
    for (const name of [
      'office/articles/x',
      `article/${id}/comments`,
      `article/${id.toUpperCase()}/content`,
      `article/${id}/content/`,
      `xarticle/${id}/content`,
      'office/directory/x',
      '',
    ]) {
      expect(parseDocumentName(name)).toBeNull();
    }
  });
});

describe('serverAuthMessage', () => {
  it('is the UTF-8 of the context, the nonce and the certificate hash, one per line', () => {
    const hash = 'ab'.repeat(32);
    expect(new TextDecoder().decode(serverAuthMessage('n0nce', hash))).toBe(`bientap/server-auth/v1\nn0nce\n${hash}`);
    expect(() => serverAuthMessage('a\nb', hash)).toThrow();
    expect(() => serverAuthMessage('n0nce', 'AB'.repeat(32))).toThrow();
  });
});

describe('Challenges', () => {
  it('gives each nonce once, for a limited time, and caps how many are outstanding', () => {
    let now = 1_000;
    const challenges = new Challenges(120_000, 3, () => now);
    const a = challenges.issue() as string;
    const b = challenges.issue() as string;
    expect(challenges.take(a)).toBe(true);
    expect(challenges.take(a)).toBe(false);
    now += 120_001;
    expect(challenges.take(b)).toBe(false);
    expect(challenges.take('never-issued')).toBe(false);
    challenges.issue();
    challenges.issue();
    challenges.issue();
    expect(challenges.issue()).toBeNull();
  });
});

describe('checkIncomingMessage', () => {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, 'xin chào');
  const update = Y.encodeStateAsUpdate(doc);
  const refusal = (message: Uint8Array, cap = 1024) => {
    try {
      checkIncomingMessage(message, cap);
      return 'passed';
    } catch (error) {
      return (error as UpdateRefused).reason;
    }
  };

  it('passes a valid update and other message kinds, refuses garbage, truncation and size over the cap', () => {
    expect(refusal(updateMessage('d', update))).toBe('passed');
    expect(refusal(concat(varBytes(utf8('d')), [1], varBytes(Uint8Array.from([1, 2, 3]))))).toBe('passed');
    expect(refusal(updateMessage('d', Uint8Array.from([9, 9, 9, 9])))).toBe('update-malformed');
    expect(refusal(updateMessage('d', update).slice(0, -2))).toBe('update-malformed');
    expect(refusal(updateMessage('d', update), update.length - 1)).toBe('update-too-large');
    expect(refusal(Uint8Array.from([0xff]))).toBe('update-malformed');
  });

  it('returns the update a message carries to be stored, and nothing for an update that changes nothing', () => {
    expect(checkIncomingMessage(updateMessage('d', update), 1024)).toEqual(update);
    // What a joining workstation answers for every document it has nothing of its own in.
    expect(checkIncomingMessage(updateMessage('d', Y.encodeStateAsUpdate(new Y.Doc())), 1024)).toBeNull();
    const deletion = new Y.Doc();
    Y.applyUpdate(deletion, update);
    const before = Y.encodeStateVector(deletion);
    deletion.getText('t').delete(0, 3);
    // A deletion alone carries no struct, only its delete set: it is stored.
    const deleteOnly = Y.encodeStateAsUpdate(deletion, before);
    expect(Y.decodeUpdate(deleteOnly).structs).toHaveLength(0);
    expect(checkIncomingMessage(updateMessage('d', deleteOnly), 1024)).toEqual(deleteOnly);
  });
});
