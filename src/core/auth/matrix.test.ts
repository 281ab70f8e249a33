import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResult } from '../../shared/api/envelope';
import type { Role } from '../../shared/domain';
import { ACTIONS, type Action } from '../../shared/review';
import { approvedArticle, body, writeArticle } from '../reviewkit';
import { openSeededCore, openTestCore, PASSWORD, sharedTempDir, type TestCore } from '../testkit';

/** The matrix as the office asked for it, written out cell by cell; the core must agree through its API. */
const EXPECTED: Record<Role, Action[]> = {
  reporter: [
    'session',
    'article.readOwn',
    'article.create',
    'article.editOwn',
    'article.submit',
    'article.retract',
    'article.comment',
  ],
  editor: [
    'session',
    'article.readOwn',
    'article.readOthers',
    'article.create',
    'article.editOwn',
    'article.editOthers',
    'article.submit',
    'article.retract',
    'article.comment',
    'article.requestChanges',
  ],
  head: [
    'session',
    'article.readOwn',
    'article.readOthers',
    'article.create',
    'article.editOwn',
    'article.editOthers',
    'article.submit',
    'article.retract',
    'article.comment',
    'article.requestChanges',
    'article.approve',
    'article.publish',
    'article.unpublish',
    'user.list',
  ],
  admin: [
    'session',
    'article.readOwn',
    'article.readOthers',
    'article.create',
    'article.editOwn',
    'article.submit',
    'article.retract',
    'article.comment',
    'user.list',
    'user.manage',
    'settings.manage',
  ],
};

const ACTOR: Record<Role, string> = { reporter: 'phongvien', editor: 'bientap', head: 'truongphong', admin: 'quantri' };

interface Fixture {
  file: string;
  sessions: Record<string, string>;
  others: { draft: string; submitted: string; approved: string; published: string };
  victimId: string;
}

let fixture: Fixture;
const dirs: TestCore[] = [];

/** Articles by someone else in every state a probe needs, built once and copied per cell. */
beforeAll(async () => {
  const { core, sessions } = await openSeededCore();
  const author = sessions.phongvien2!;
  const draft = (await writeArticle(core, author)).id;
  const submitted = (await writeArticle(core, author)).id;
  await core.call('workflow.submit', { articleId: submitted }, author);
  const approved = (await approvedArticle(core, author, sessions.truongphong!)).id;
  const published = (await approvedArticle(core, author, sessions.truongphong!)).id;
  await core.call('workflow.publish', { articleId: published }, sessions.truongphong);
  const victimId = (core.db.prepare("SELECT id FROM users WHERE username = 'phongvien2'").get() as { id: string }).id;
  const file = join(sharedTempDir('bientap-matrix-'), 'bientap.sqlite');
  core.db.prepare('VACUUM INTO ?').run(file);
  core.close();
  fixture = { file, sessions, others: { draft, submitted, approved, published }, victimId };
}, 120_000);
afterAll(() => {
  for (const core of dirs) core.close();
});

type Probe = (core: TestCore, session: string) => Promise<ApiResult>;

async function own(core: TestCore, session: string): Promise<{ id: string; version: number }> {
  const { id, version } = await core.call('articles.create', { title: 'Của tôi' }, session);
  return { id, version };
}

/** For each action, one API call that needs exactly that permission and succeeds when it is granted. */
const PROBES: Record<Action, Probe> = {
  session: (core, session) => core.tryCall('auth.me', {}, session),
  'article.readOwn': (core, session) => core.tryCall('articles.list', {}, session),
  'article.readOthers': (core, session) => core.tryCall('articles.get', { id: fixture.others.draft }, session),
  'article.create': (core, session) => core.tryCall('articles.create', {}, session),
  'article.editOwn': async (core, session) => {
    const { id, version } = await own(core, session);
    return core.tryCall(
      'articles.save',
      { id, baseVersion: version, title: 'Sửa', summary: '', body: body('x') },
      session,
    );
  },
  'article.editOthers': async (core, session) => {
    const { version } = await core.call('articles.get', { id: fixture.others.draft }, fixture.sessions.phongvien2);
    return core.tryCall(
      'articles.save',
      { id: fixture.others.draft, baseVersion: version, title: 'Sửa', summary: '', body: body('x') },
      session,
    );
  },
  'article.submit': async (core, session) =>
    core.tryCall('workflow.submit', { articleId: (await own(core, session)).id }, session),
  'article.retract': async (core, session) => {
    const { id } = await own(core, session);
    await core.call('workflow.submit', { articleId: id }, session);
    return core.tryCall('workflow.retract', { articleId: id }, session);
  },
  'article.comment': async (core, session) =>
    core.tryCall('comments.add', { articleId: (await own(core, session)).id, body: 'Góp ý' }, session),
  'article.requestChanges': (core, session) =>
    core.tryCall('workflow.requestChanges', { articleId: fixture.others.submitted, note: 'Sửa' }, session),
  'article.approve': async (core, session) => {
    const { version } = await core.call('articles.get', { id: fixture.others.submitted }, fixture.sessions.phongvien2);
    return core.tryCall(
      'workflow.approve',
      { articleId: fixture.others.submitted, version, password: PASSWORD },
      session,
    );
  },
  'article.publish': (core, session) =>
    core.tryCall('workflow.publish', { articleId: fixture.others.approved }, session),
  'article.unpublish': (core, session) =>
    core.tryCall('workflow.withdraw', { articleId: fixture.others.published }, session),
  'user.list': (core, session) => core.tryCall('users.list', {}, session),
  'user.manage': (core, session) => core.tryCall('users.disable', { id: fixture.victimId }, session),
  'settings.manage': (core, session) => core.tryCall('proofread.lexicon.add', { word: 'Festival' }, session),
};

describe('the role × action matrix, through the API', () => {
  const cells = (Object.keys(EXPECTED) as Role[]).flatMap((role) => ACTIONS.map((action) => [role, action] as const));

  it('covers every action the core knows', () => {
    expect(Object.keys(PROBES).sort()).toEqual([...ACTIONS].sort());
  });

  it.each(cells)('%s × %s', async (role, action) => {
    const core = openTestCore({ copyOf: fixture.file });
    dirs.push(core);
    const session = fixture.sessions[ACTOR[role]]!;
    const result = await PROBES[action](core, session);
    const allowed = EXPECTED[role].includes(action);
    if (allowed) {
      expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
    } else {
      // Someone who may not read an article is told it is not there rather than that it is hidden.
      expect(result.ok).toBe(false);
      if (!result.ok) expect(['FORBIDDEN', 'NOT_FOUND']).toContain(result.error.code);
    }
    // What auth.me tells the renderer is the same matrix.
    const me = await core.call('auth.me', {}, session);
    expect(me.can.includes(action)).toBe(allowed);
  });
});
