import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResult } from '../../shared/api/envelope';
import type { ArticleStatus } from '../../shared/domain';
import { TRANSITIONS, WORKFLOW_ACTIONS, WORKFLOW_ACTION_RULES, type WorkflowAction } from '../../shared/workflow';
import { approvedArticle, writeArticle } from '../reviewkit';
import { openSeededCore, PASSWORD, type TestCore } from '../testkit';

let core: TestCore;
let s: Record<string, string>;
/** One article by the reporter `phongvien` in every status. */
const byStatus = {} as Record<ArticleStatus, string>;

const PEOPLE = ['phongvien', 'phongvien2', 'bientap', 'truongphong', 'quantri'] as const;

beforeAll(async () => {
  ({ core, sessions: s } = await openSeededCore());
  const author = s.phongvien!;
  const head = s.truongphong!;
  byStatus.draft = (await writeArticle(core, author)).id;
  byStatus.submitted = (await writeArticle(core, author)).id;
  await core.call('workflow.submit', { articleId: byStatus.submitted }, author);
  byStatus.changes_requested = (await writeArticle(core, author)).id;
  await core.call('workflow.submit', { articleId: byStatus.changes_requested }, author);
  await core.call('workflow.requestChanges', { articleId: byStatus.changes_requested, note: 'Sửa' }, head);
  byStatus.approved = (await approvedArticle(core, author, head)).id;
  byStatus.scheduled = (await approvedArticle(core, author, head)).id;
  await core.call('workflow.schedule', { articleId: byStatus.scheduled, at: inADay() }, head);
  byStatus.published = (await approvedArticle(core, author, head)).id;
  await core.call('workflow.publish', { articleId: byStatus.published }, head);
  byStatus.withdrawn = (await approvedArticle(core, author, head)).id;
  await core.call('workflow.publish', { articleId: byStatus.withdrawn }, head);
  await core.call('workflow.withdraw', { articleId: byStatus.withdrawn }, head);
});
afterAll(() => core.close());

function inADay(): string {
  return new Date(core.clock.now.getTime() + 86_400_000).toISOString();
}

async function take(action: WorkflowAction, articleId: string, session: string): Promise<ApiResult> {
  const version = (await core.call('articles.get', { id: articleId }, s.truongphong)).version;
  const input: Record<WorkflowAction, unknown> = {
    submit: { articleId },
    retract: { articleId },
    requestChanges: { articleId, note: 'Cần sửa' },
    approve: { articleId, version, password: PASSWORD },
    publish: { articleId },
    schedule: { articleId, at: inADay() },
    withdraw: { articleId },
  };
  return core.tryCall(`workflow.${action}`, input[action], session);
}

/** Runs a call and undoes whatever it wrote, so every case starts from the same articles. */
async function tryAndUndo(action: WorkflowAction, articleId: string, session: string): Promise<ApiResult> {
  core.db.exec('BEGIN');
  try {
    return await take(action, articleId, session);
  } finally {
    core.db.exec('ROLLBACK');
  }
}

describe('the workflow actions articles.get lists', () => {
  it('starts every action from the statuses of the one transition table', () => {
    for (const action of WORKFLOW_ACTIONS) {
      expect(TRANSITIONS[WORKFLOW_ACTION_RULES[action].event].from.length).toBeGreaterThan(0);
    }
  });

  it('are exactly the ones the core then accepts, for every role, author or not, in every status', async () => {
    const seen = new Set<string>();
    for (const status of Object.keys(byStatus) as ArticleStatus[]) {
      const articleId = byStatus[status];
      expect((await core.call('articles.get', { id: articleId }, s.phongvien)).status).toBe(status);
      for (const person of PEOPLE) {
        const opened = await core.tryCall('articles.get', { id: articleId }, s[person]);
        // Someone who may not read the article is not told what could be done with it.
        if (!opened.ok) {
          expect(opened.error.code).toBe('NOT_FOUND');
          continue;
        }
        const listed = (opened.value as { actions: WorkflowAction[] }).actions;
        for (const action of WORKFLOW_ACTIONS) {
          const result = await tryAndUndo(action, articleId, s[person]!);
          // Publishing asks for a sign-off that holds before it looks at the status, so a draft's refusal says that.
          const refusedForWho =
            !result.ok && ['FORBIDDEN', 'INVALID_TRANSITION', 'APPROVAL_INVALID'].includes(result.error.code);
          expect(
            { status, person, action, listed: listed.includes(action) },
            JSON.stringify(result.ok ? 'ok' : result.error.code),
          ).toEqual({ status, person, action, listed: !refusedForWho });
          if (listed.includes(action)) seen.add(action);
        }
      }
    }
    // Every action was offered somewhere, so the comparison above covered each button.
    expect([...seen].sort()).toEqual([...WORKFLOW_ACTIONS].sort());
  });

  it('gives an author who is a reporter only the submit button, and only while it is theirs to send', async () => {
    const own = await core.call('articles.get', { id: byStatus.draft }, s.phongvien);
    expect(own.actions).toEqual(['submit']);
    // A reporter's draft is hers until she sends it: neither editor nor head is offered to send it.
    for (const reviewer of [s.bientap, s.truongphong]) {
      expect((await core.call('articles.get', { id: byStatus.draft }, reviewer)).actions).toEqual([]);
    }
    expect(await core.tryCall('workflow.submit', { articleId: byStatus.draft }, s.bientap)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    // Once it came back from review, an editor who made the changes may send it on.
    const returned = await core.call('articles.get', { id: byStatus.changes_requested }, s.bientap);
    expect(returned.actions).toContain('submit');
    const approved = await core.call('articles.get', { id: byStatus.approved }, s.truongphong);
    expect(approved.actions).toEqual(['requestChanges', 'publish', 'schedule']);
    const admin = await core.call('articles.get', { id: byStatus.draft }, s.quantri);
    expect(admin.actions).toEqual([]);
  });
});
