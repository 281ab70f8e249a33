import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { approvedArticle } from '../reviewkit';
import { openSeededCore, type TestCore } from '../testkit';
import { adapterFor } from './adapters';
import { createKeyFileSecretBox } from './secrets';
import { seedArchive, syntheticArchive } from './static/testSite';
import { PublishWorker } from './worker';

let core: TestCore;
let sessions: Record<string, string>;
let site: string;
let worker: PublishWorker;

beforeEach(async () => {
  ({ core, sessions } = await openSeededCore());
  site = join(core.dir, 'site');
  mkdirSync(site);
  await core.call(
    'publishing.targets.save',
    { name: 'Trang tĩnh', enabled: true, config: { kind: 'static', folder: site, baseUrl: '', siteTitle: '' } },
    sessions.quantri,
  );
  worker = new PublishWorker(core.ctx, { adapterFor: (target) => adapterFor(core.ctx, target) });
});

afterEach(() => core.close());

const outboxRows = () =>
  core.db.prepare('SELECT action, state, content_hash FROM outbox ORDER BY created_at, rowid').all() as {
    action: string;
    state: string;
    content_hash: string | null;
  }[];

async function published(): Promise<string> {
  const article = await approvedArticle(core, sessions.phongvien!, sessions.truongphong!);
  await core.call('workflow.publish', { articleId: article.id }, sessions.truongphong);
  return article.id;
}

describe('publishing through the outbox', () => {
  it('queues the signed hash with the status change, sends it once, and shows where it is public', async () => {
    const id = await published();
    const article = await core.call('articles.get', { id }, sessions.truongphong);
    expect(article.status).toBe('published');
    expect(article.slug).toBe('festival-hue-2026');
    expect(outboxRows()).toEqual([{ action: 'publish', state: 'queued', content_hash: article.contentHash }]);

    expect(await worker.runOnce()).toBe(true);
    expect(await worker.runOnce()).toBe(false);
    const { items } = await core.call('publishing.status', { articleId: id }, sessions.phongvien);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ state: 'done', lastError: null });
    const url = items[0]!.url!;
    const page = readFileSync(join(site, url), 'utf8');
    expect(page).toContain('Festival Huế 2026');
    expect(page).toContain('Lễ hội Huế diễn ra sôi nổi.');
    const audit = core.db.prepare(`SELECT count(*) AS n FROM audit_log WHERE action = 'publishing.sent'`).get() as {
      n: number;
    };
    expect(audit.n).toBe(1);
  });

  it('refuses to send text that no longer matches the signature, and writes nothing to the site', async () => {
    const id = await published();
    // A change behind the application's back, after the publish request: the signature no longer covers it.
    core.db.prepare(`UPDATE articles SET title = 'Tiêu đề bị sửa lén' WHERE id = ?`).run(id);
    await worker.runOnce();
    const { items } = await core.call('publishing.status', { articleId: id }, sessions.truongphong);
    expect(items[0]?.state).toBe('failed');
    expect(items[0]?.lastError).toMatch(/chữ ký duyệt/);
    expect(items[0]?.url).toBeNull();
    expect(existsSync(join(site, 'bai-viet'))).toBe(false);
  });

  it('sends an entry a crash left half-sent again, and the site still has one page', async () => {
    const id = await published();
    await worker.runOnce();
    // The same request again, as if the process died after the site wrote the page but before the outbox knew.
    core.db.prepare(`UPDATE outbox SET state = 'sending' WHERE article_id = ?`).run(id);
    const restarted = new PublishWorker(core.ctx, { adapterFor: (target) => adapterFor(core.ctx, target), idleMs: 10 });
    restarted.start();
    await expect.poll(() => outboxRows().map((row) => row.state), { timeout: 10_000 }).toEqual(['done']);
    await restarted.stop();
    const manifest = JSON.parse(readFileSync(join(site, '.bientap', 'site.json'), 'utf8')) as { count: number };
    expect(manifest.count).toBe(1);
    expect(JSON.parse(readFileSync(join(site, '.bientap', 'danh-muc', '1.json'), 'utf8'))).toHaveLength(1);
  });

  it('withdraws after the publish it follows, and the page is gone', async () => {
    const id = await published();
    await worker.runOnce();
    await core.call('workflow.withdraw', { articleId: id, note: 'Gỡ theo yêu cầu' }, sessions.truongphong);
    await worker.drain(5000);
    expect(outboxRows().map((row) => `${row.action}:${row.state}`)).toEqual(['publish:done', 'withdraw:done']);
    const { items } = await core.call('publishing.status', { articleId: id }, sessions.truongphong);
    expect(items[0]?.url).toBeNull();
    expect(existsSync(join(site, 'bai-viet', 'festival-hue-2026.html'))).toBe(false);
  });

  it('a withdrawal before anything was sent cancels the publish and sends nothing', async () => {
    const id = await published();
    await core.call('workflow.withdraw', { articleId: id }, sessions.truongphong);
    expect(await worker.runOnce()).toBe(false);
    expect(outboxRows().map((row) => `${row.action}:${row.state}`)).toEqual(['publish:superseded']);
    expect(existsSync(join(site, 'bai-viet'))).toBe(false);
  });

  it('publishes a scheduled article at its time, then marks it published', async () => {
    const article = await approvedArticle(core, sessions.phongvien!, sessions.truongphong!);
    const at = new Date(core.clock.now.getTime() + 3_600_000).toISOString();
    await core.call('workflow.schedule', { articleId: article.id, at }, sessions.truongphong);
    expect(await worker.runOnce()).toBe(false);
    core.clock.advance(3_600_001);
    expect(await worker.runOnce()).toBe(true);
    const after = await core.call('articles.get', { id: article.id }, sessions.truongphong);
    expect(after.status).toBe('published');
  });

  it('shows the preview exactly as the static site lays out the page', async () => {
    const article = await approvedArticle(core, sessions.phongvien!, sessions.truongphong!);
    const { html } = await core.call('publishing.preview', { articleId: article.id }, sessions.phongvien);
    expect(html).toContain('<h1');
    expect(html).toContain('Lễ hội Huế diễn ra sôi nổi.');
    expect(html).not.toMatch(/<script/i);
  });

  it('lets only an administrator configure sites, and never returns a stored credential', async () => {
    const wordpress = {
      name: 'Cổng thông tin',
      enabled: true,
      config: { kind: 'wordpress' as const, siteUrl: 'http://127.0.0.1:9', user: 'bientap' },
      secret: 'abcd efgh ijkl mnop',
    };
    const refused = await core.tryCall('publishing.targets.save', wordpress, sessions.truongphong);
    expect(refused.ok ? null : refused.error.code).toBe('FORBIDDEN');
    // No keychain on this host: the credential is refused rather than stored readable.
    const noBox = await core.tryCall('publishing.targets.save', wordpress, sessions.quantri);
    expect(noBox.ok ? null : noBox.error.code).toBe('UNAVAILABLE');

    core.ctx.secrets = createKeyFileSecretBox(join(core.dir, 'secret.key'));
    const saved = await core.call('publishing.targets.save', wordpress, sessions.quantri);
    expect(saved.hasSecret).toBe(true);
    expect(JSON.stringify(saved)).not.toContain('abcd');
    const stored = core.db.prepare('SELECT secret FROM publish_targets WHERE id = ?').get(saved.id) as {
      secret: Buffer;
    };
    expect(stored.secret.toString('latin1')).not.toContain('abcd');
    expect(core.ctx.secrets.decrypt(stored.secret)).toBe('abcd efgh ijkl mnop');
    const listed = await core.call('publishing.targets.list', {}, sessions.phongvien);
    expect(JSON.stringify(listed)).not.toContain('abcd');
  });

  it('shows how far a whole-site rebuild has come while the request is being sent', async () => {
    // An archive rendered the old way (another look): the next publish renders every page again.
    const { entries, sources } = syntheticArchive(120);
    seedArchive(site, entries, sources);
    const id = await published();
    const seen: unknown[] = [];
    const observing = new PublishWorker(core.ctx, {
      adapterFor: (target) => {
        const real = adapterFor(core.ctx, target);
        return {
          ...real,
          publish: (payload, known, options) =>
            real.publish(payload, known, {
              ...options,
              onProgress: (progress) => {
                options.onProgress?.(progress);
                seen.push(core.tryCall('publishing.status', { articleId: id }, sessions.truongphong));
              },
            }),
        };
      },
    });
    await observing.runOnce();
    const during = (await Promise.all(seen)).map(
      (answer) => (answer as { value: { items: { state: string; progress: unknown }[] } }).value.items[0],
    );
    expect(during.at(-1)).toMatchObject({ state: 'sending', progress: { done: 120, total: 120 } });
    const after = await core.call('publishing.status', { articleId: id }, sessions.truongphong);
    expect(after.items[0]).toMatchObject({ state: 'done', progress: null });
    const queue = await core.call('publishing.queue', {}, sessions.truongphong);
    expect(queue.items.every((item) => item.progress === null)).toBe(true);
  });
});
