/**
 * An article published the real way for the verifier's tests: written by the reporter, approved by
 * the head, sent by the publish worker to a static site folder, which then holds the sealed page,
 * its image and the office's keys file exactly as the publisher writes them.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { adapterFor } from '../publish/adapters';
import { PublishWorker } from '../publish/worker';
import { approve, bodyWithImage, imageNode, uploadPhoto } from '../reviewkit';
import { openSeededCore, type TestCore } from '../testkit';

export interface PublishedSite {
  core: TestCore;
  sessions: Record<string, string>;
  articleId: string;
  /** The picture's hash (the one the approval names). */
  photo: string;
  /** The site folder. */
  site: string;
  /** The article page's file. */
  page: string;
}

export async function publishedSite(): Promise<PublishedSite> {
  const { core, sessions } = await openSeededCore();
  const site = join(core.dir, 'site');
  mkdirSync(site);
  await core.call(
    'publishing.targets.save',
    { name: 'Trang tĩnh', enabled: true, config: { kind: 'static', folder: site, baseUrl: '', siteTitle: '' } },
    sessions.quantri,
  );
  const reporter = sessions.phongvien!;
  const photo = await uploadPhoto(core, reporter);
  const { id } = await core.call('articles.create', {}, reporter);
  await core.call(
    'articles.save',
    {
      id,
      baseVersion: 1,
      title: 'Festival Huế 2026 -- "đêm hội"',
      summary: 'Sapo của bài...',
      body: bodyWithImage(
        ['Lễ hội Huế diễn ra sôi nổi.', 'Người dân đón chào du khách.'],
        imageNode(photo, { caption: 'Đêm khai mạc', credit: 'Ảnh: Minh Tâm', altText: 'Sân khấu Ngọ Môn' }),
      ),
    },
    reporter,
  );
  await core.call('workflow.submit', { articleId: id }, reporter);
  await approve(core, sessions.truongphong!, id);
  await core.call('workflow.publish', { articleId: id }, sessions.truongphong);
  const worker = new PublishWorker(core.ctx, { adapterFor: (target) => adapterFor(core.ctx, target) });
  if (!(await worker.runOnce())) throw new Error('The publish worker sent nothing');
  const { items } = await core.call('publishing.status', { articleId: id }, sessions.truongphong);
  const url = items[0]?.url;
  if (!url) throw new Error('The article has no page on the static site');
  return { core, sessions, articleId: id, photo, site, page: join(site, url) };
}
