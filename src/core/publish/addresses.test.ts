import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { approvedArticle } from '../reviewkit';
import { openSeededCore, tempDir, type TestCore } from '../testkit';
import { adapterFor } from './adapters';
import { PublishWorker } from './worker';

let core: TestCore;
afterEach(() => core.close());

describe('the addresses an article will have, shown before "Đăng bài"', () => {
  it('names each enabled site with the page address the article will get there, then the one it got', async () => {
    let sessions: Record<string, string>;
    ({ core, sessions } = await openSeededCore());
    const site = join(core.dir, 'site');
    const folderSite = tempDir();
    mkdirSync(site);
    const save = (name: string, folder: string, baseUrl: string, enabled = true) =>
      core.call(
        'publishing.targets.save',
        { name, enabled, config: { kind: 'static', folder, baseUrl, siteTitle: '' } },
        sessions.quantri,
      );
    await save('Cổng thông tin', site, 'https://vanhoa.hue.gov.vn/tin');
    await save('Bản lưu nội bộ', folderSite, '');
    await save('Trang thử (tắt)', tempDir(), '', false);

    const article = await approvedArticle(core, sessions.phongvien!, sessions.truongphong!);
    const before = await core.call('publishing.status', { articleId: article.id }, sessions.truongphong);
    const shown = before.items.map((item: { targetName: string; expectedUrl: string | null; url: string | null }) => [
      item.targetName,
      item.expectedUrl,
      item.url,
    ]);
    expect(shown.sort()).toEqual([
      ['Bản lưu nội bộ', join(folderSite, 'bai-viet', `${article.slug}.html`), null],
      ['Cổng thông tin', `https://vanhoa.hue.gov.vn/tin/bai-viet/${article.slug}.html`, null],
    ]);

    // Once published, the address shown is the one the site reported.
    await core.call('workflow.publish', { articleId: article.id }, sessions.truongphong);
    const worker = new PublishWorker(core.ctx, { adapterFor: (target) => adapterFor(core.ctx, target) });
    while (await worker.runOnce());
    const after = await core.call('publishing.status', { articleId: article.id }, sessions.truongphong);
    const portal = after.items.find((item: { targetName: string }) => item.targetName === 'Cổng thông tin');
    const address = `https://vanhoa.hue.gov.vn/tin/bai-viet/${article.slug}.html`;
    expect(portal).toMatchObject({ state: 'done', url: address, expectedUrl: address });
  });
});
