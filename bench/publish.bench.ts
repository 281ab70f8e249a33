import { join } from 'node:path';
import { bodyWithImage, imageNode, uploadPhoto } from '../src/core/reviewkit';
import { openSeededCore, PASSWORD, runOnRealTime, type TestCore } from '../src/core/testkit';
import { createKeyFileSecretBox } from '../src/core/publish/secrets';
import { PublishWorker } from '../src/core/publish/worker';
import { createWordPressAdapter } from '../src/core/publish/wordpress/adapter';
import { unseal } from '../src/core/signoff/keys';
import { findSealedKey } from '../src/core/users/repo';
import { loadArticle } from '../src/core/articles/view';
import { appendApproval } from '../src/core/workflow/events';
import { snapshotRevision } from '../src/core/articles/repo';
import { isoNow } from '../src/core/context';
import { startWordPress } from '../scripts/lib/wordpress.mjs';
import type { NotedRow } from './editor.bench';
import { summarize } from './lib/stats';

const ARTICLES = 100;
/** Measured and baseline alternate in batches, so drift in the machine hits both alike. */
const BATCH = 25;

interface Recorded {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: BodyInit | null | undefined;
}

/** A fetch that also remembers every request, to be replayed as the bare loop. */
function recordingFetch(log: Recorded[]): typeof fetch {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    log.push({ url, method: init?.method ?? 'GET', headers, body: init?.body });
    return fetch(input, init);
  };
}

async function replay(calls: Recorded[]): Promise<void> {
  for (const call of calls) {
    const response = await fetch(call.url, { method: call.method, headers: call.headers, body: call.body ?? null });
    await response.arrayBuffer();
  }
}

const photo = (core: TestCore, session: string, seed: number) =>
  uploadPhoto(core, session, { width: 800, height: 533, background: { r: seed % 256, g: (seed * 7) % 256, b: 120 } });

/**
 * Approved articles, each with one image, ready to publish. Signed with the head's key unsealed
 * once: the bench measures publishing, not a password hash per article.
 */
async function approvedArticles(core: TestCore, sessions: Record<string, string>, count: number): Promise<string[]> {
  const author = sessions.phongvien!;
  const headId = (core.db.prepare(`SELECT id FROM users WHERE username = 'truongphong'`).get() as { id: string }).id;
  const sealed = findSealedKey(core.ctx, headId)!;
  const key = (await unseal(sealed.sealed, PASSWORD))!;
  const ids: string[] = [];
  const stamp = Date.now().toString(36);
  for (let i = 0; i < count; i++) {
    const hash = await photo(core, author, i);
    const { id } = await core.call('articles.create', {}, author);
    const state = bodyWithImage(
      [
        `Bài ${i + 1}: Thành phố Huế đẩy mạnh phong trào toàn dân bảo vệ an ninh Tổ quốc trong cơ quan, doanh nghiệp, nhà trường.`,
        'Các đơn vị xây dựng mô hình “Tự phòng, tự quản, tự bảo vệ và tự hòa giải” trên đường phố.',
      ],
      imageNode(hash, { width: 800, height: 533, altText: `Ảnh ${i + 1}` }),
    );
    await core.call(
      'articles.save',
      {
        id,
        baseVersion: 1,
        title: `Tin Huế ${stamp} số ${i + 1}`,
        summary: 'Sapo.',
        body: state,
        category: 'Tin tức - Sự kiện',
        tags: ['Huế'],
        featuredImage: hash,
      },
      author,
    );
    await core.call('workflow.submit', { articleId: id }, author);
    const article = loadArticle(core.ctx, id)!;
    core.db
      .transaction(() => {
        const at = isoNow(core.ctx);
        const revisionId = snapshotRevision(core.ctx, id, 'approved', headId, at);
        appendApproval(
          core.ctx,
          { articleId: id, actorId: headId, contentHash: article.contentHash, revisionId, at },
          { privateKey: key, keyFingerprint: sealed.fingerprint },
        );
      })
      .immediate();
    ids.push(id);
  }
  return ids;
}

/**
 * Publishing 100 approved articles with one image each to the local WordPress, through the whole
 * path (publish request → outbox → worker → signature check → rendering → adapter), against a bare
 * loop that makes exactly the same REST calls directly, replayed from a recording.
 */
export async function benchPublish(): Promise<NotedRow[]> {
  const env = process.env;
  const started =
    env.BIENTAP_WP_URL && env.BIENTAP_WP_USER && env.BIENTAP_WP_APP_PASSWORD
      ? null
      : await startWordPress({ log: () => undefined });
  const site = started
    ? { url: started.url, user: started.user, appPassword: started.appPassword }
    : { url: env.BIENTAP_WP_URL!, user: env.BIENTAP_WP_USER!, appPassword: env.BIENTAP_WP_APP_PASSWORD! };
  const { core, sessions } = await openSeededCore();
  try {
    runOnRealTime(core);
    core.ctx.secrets = createKeyFileSecretBox(join(core.dir, 'secret.key'));
    await core.call(
      'publishing.targets.save',
      {
        name: 'WordPress',
        enabled: true,
        config: { kind: 'wordpress', siteUrl: site.url, user: site.user },
        secret: site.appPassword,
      },
      sessions.quantri,
    );
    const ids = await approvedArticles(core, sessions, ARTICLES);
    const calls: Recorded[] = [];
    const adapter = createWordPressAdapter({ ...site, siteUrl: site.url, fetch: recordingFetch(calls) });
    const worker = new PublishWorker(core.ctx, { adapterFor: () => adapter });

    const measured: number[] = [];
    const baseline: number[] = [];
    let totalMeasured = 0;
    let totalBaseline = 0;
    let requests = 0;
    for (let from = 0; from < ids.length; from += BATCH) {
      const perArticle: Recorded[][] = [];
      for (const id of ids.slice(from, from + BATCH)) {
        const before = calls.length;
        const start = performance.now();
        await core.call('workflow.publish', { articleId: id }, sessions.truongphong);
        if (!(await worker.runOnce())) throw new Error('nothing was queued');
        measured.push(performance.now() - start);
        const state = core.db.prepare('SELECT state, last_error FROM outbox WHERE article_id = ?').get(id) as {
          state: string;
          last_error: string | null;
        };
        if (state.state !== 'done') throw new Error(`publishing failed: ${state.last_error}`);
        perArticle.push(calls.slice(before));
      }
      for (const group of perArticle) {
        const start = performance.now();
        await replay(group);
        baseline.push(performance.now() - start);
        requests += group.length;
      }
    }
    totalMeasured = measured.reduce((sum, ms) => sum + ms, 0);
    totalBaseline = baseline.reduce((sum, ms) => sum + ms, 0);
    const ratio = totalMeasured / totalBaseline;
    return [
      {
        name: `đăng ${ARTICLES} bài (mỗi bài 1 ảnh) lên WordPress, mỗi bài: qua hàng đợi đăng so với vòng lặp REST trần`,
        measured: summarize(measured),
        baseline: summarize(baseline),
        baselineName: 'cùng các lệnh REST gọi thẳng',
        unit: 'ms',
        notes: [
          `tổng: ${(totalMeasured / 1000).toFixed(1)} s so với ${(totalBaseline / 1000).toFixed(1)} s (${requests} lệnh REST) → ${ratio.toFixed(2)}× (mục tiêu ≤ 1.30×) ${ratio <= 1.3 ? 'ĐẠT' : 'CHƯA ĐẠT'}`,
        ],
      },
    ];
  } finally {
    core.close();
    await started?.stop();
  }
}
