import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EditorNode, EditorState } from '../../../shared/domain';
import { paragraphNode, textNode } from '../../articles/editorState';
import { renderArticleHtml } from '../../render/html';
import { tempDir } from '../../testkit';
import { PublishError, type PublishAdapter } from '../adapter';
import { createStaticAdapter } from './adapter';
import { fileError, SiteFiles } from './files';
import { STALE_LOCK_MS } from './lock';
import { listFiles, shortPayload, validationErrors } from './testSite';

let root: string;
let site: PublishAdapter;

beforeEach(() => {
  root = tempDir('bientap-site-');
  site = createStaticAdapter({ folder: root, now: () => new Date('2026-05-01T01:00:00Z') });
});

afterEach(() => {
  vi.restoreAllMocks();
  rmSync(root, { recursive: true, force: true });
});

const manifestFile = () => path.join(root, '.bientap/site.json');
const readManifest = () => JSON.parse(readFileSync(manifestFile(), 'utf8'));

/**
 * The process dies at the first write of a file `where` picks: the write fails before a byte lands,
 * and nothing after it runs, as when the power goes.
 */
function crashAt(where: (sitePath: string) => boolean): () => void {
  const original = SiteFiles.prototype.write;
  const write = vi.spyOn(SiteFiles.prototype, 'write');
  write.mockImplementation(async function (this: SiteFiles, sitePath: string, data: string | Buffer) {
    if (where(sitePath)) throw new Error('mất điện');
    return original.call(this, sitePath, data);
  });
  return () => write.mockRestore();
}

describe('after a crash mid-publish', () => {
  it('finishes the operation the crash interrupted before doing its own', async () => {
    const one = await shortPayload(1);
    const oneRef = await site.publish(one, null, {});
    const two = await shortPayload(2);
    const twoRef = await site.publish(two, null, {});
    const image = `images/${two.images[0]?.hash}.jpg`;
    // The withdrawal of two has announced itself, then the process dies before the front page.
    const restore = crashAt((file) => file === 'index.html');
    await expect(site.withdraw(two.articleId, twoRef, {})).rejects.toThrow('mất điện');
    restore();
    expect(readManifest().pending).not.toBeNull();

    expect(await site.fetchRemote(one.articleId, oneRef, {})).not.toBeNull();
    expect(readManifest().pending).toBeNull();
    expect(existsSync(path.join(root, twoRef.url))).toBe(false);
    expect(existsSync(path.join(root, image))).toBe(false);
    expect(readFileSync(path.join(root, 'index.html'), 'utf8')).not.toContain(two.title);
    expect(readFileSync(path.join(root, 'feed.xml'), 'utf8')).not.toContain(two.title);
  });

  it('does not take a page it was about to replace for a hand edit', async () => {
    const one = await shortPayload(1);
    const ref = await site.publish(one, null, {});
    // The archive already names the new page's hash; the process dies before the page is written.
    const changed = await shortPayload(1, { summary: 'Sapo sau sự cố.', contentHash: 'sau-su-co' });
    const restore = crashAt((file) => file === ref.url);
    await expect(site.publish(changed, ref, {})).rejects.toThrow('mất điện');
    restore();
    expect(readFileSync(path.join(root, ref.url), 'utf8')).not.toContain('Sapo sau sự cố.');

    // The next operation finishes the page; the publish, retried, finds no conflict.
    const again = await site.publish(changed, ref, {});
    expect(readFileSync(path.join(root, again.url), 'utf8')).toContain('Sapo sau sự cố.');
    expect(readManifest().pending).toBeNull();
  });

  it('starts a whole-site rebuild again where a crash stopped it, reporting progress', async () => {
    for (const n of [1, 2, 3, 4]) await site.publish(await shortPayload(n), null, {});
    // A new title: every page is rendered again; the process dies at the third page.
    let pages = 0;
    const restore = crashAt((file) => file.startsWith('bai-viet/') && ++pages === 3);
    const renamed = createStaticAdapter({ folder: root, siteTitle: 'Cổng tin Huế', now: () => new Date() });
    await expect(renamed.fetchRemote('khong-co', null, {})).rejects.toThrow('mất điện');
    restore();
    expect(readManifest().pending.rebuild).toBe(true);

    const progress: { done: number; total: number }[] = [];
    await renamed.fetchRemote('khong-co', null, { onProgress: (step) => progress.push(step) });
    expect(progress.at(-1)).toEqual({ done: 4, total: 4 });
    expect(readManifest().pending).toBeNull();
    for (const file of listFiles(root).filter((name) => name.endsWith('.html')))
      expect(readFileSync(path.join(root, file), 'utf8'), file).toContain('Cổng tin Huế');
  });

  it('leaves no temporary files behind', async () => {
    for (const n of [1, 2, 3]) await site.publish(await shortPayload(n), null, {});
    await site.withdraw((await shortPayload(2)).articleId, null, {});
    expect(listFiles(root).filter((file) => file.endsWith('.tmp'))).toEqual([]);
  });
});

describe('cancelling', () => {
  it('writes nothing when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(site.publish(await shortPayload(1), null, { signal: controller.signal })).rejects.toThrow();
    expect(listFiles(root)).toEqual([]);
  });
});

describe('file errors', () => {
  const failure = (code: string) => Object.assign(new Error(`${code}: failed`), { code });

  it('sends permission, space and missing-folder problems to a person, with what to do', () => {
    for (const [code, words] of [
      ['EACCES', 'quyền ghi'],
      ['EPERM', 'quyền ghi'],
      ['EROFS', 'quyền ghi'],
      ['ENOSPC', 'đã đầy'],
      ['ENOENT', 'Không tìm thấy'],
    ] as const) {
      const error = fileError(failure(code), '/srv/trang/index.html');
      expect(error.kind, code).toBe('permanent');
      expect(error.message).toContain(words);
      expect(error.message).toContain('/srv/trang/index.html');
    }
  });

  it('retries what may pass on its own', () => {
    for (const code of ['EBUSY', 'EAGAIN', 'EMFILE']) {
      const error = fileError(failure(code), 'x');
      expect(error.kind).toBe('transient');
      expect(error.message).toContain('tự thử lại');
    }
    expect(fileError(new PublishError('conflict', 'giữ nguyên'), 'x').kind).toBe('conflict');
  });
});

describe('a body from the publishing renderer', () => {
  const text = (value: string, format = 0): EditorNode => ({ ...textNode(value), format });
  const block = (type: string, children: EditorNode[], extra: Record<string, unknown> = {}) =>
    ({ type, version: 1, format: '', indent: 0, direction: null, children, ...extra }) as EditorNode;
  const cell = (headerState: number, value: string) =>
    block('tablecell', [paragraphNode([text(value)])], { headerState, colSpan: 1, rowSpan: 1, backgroundColor: null });

  it('gives a page that validates', async () => {
    const state: EditorState = {
      root: {
        type: 'root',
        version: 1,
        format: '',
        indent: 0,
        direction: null,
        children: [
          block('heading', [text('Chương trình Festival Huế')], { tag: 'h2' }),
          paragraphNode([text('Festival '), text('Huế', 1), text(' diễn ra '), text('tháng 6', 2), text('.')]),
          { ...paragraphNode([text('Căn giữa')]), format: 'center' },
          block('heading', [text('Lịch')], { tag: 'h3' }),
          block('list', [block('listitem', [text('Khai mạc')], { value: 1 })], {
            listType: 'number',
            start: 1,
            tag: 'ol',
          }),
          block('quote', [text('Huế đẹp và thơ.'), { type: 'linebreak', version: 1 }, text('— Du khách')]),
          paragraphNode([
            block('link', [text('trang lễ hội')], {
              url: 'https://festivalhue.vn/',
              rel: null,
              target: null,
              title: null,
            }),
          ]),
          { type: 'horizontalrule', version: 1 },
          block('table', [
            block('tablerow', [cell(1, 'Ngày'), cell(1, 'Sự kiện')]),
            block('tablerow', [cell(0, '12/6'), cell(0, 'Khai mạc')]),
          ]),
        ],
      },
    };
    const ref = await site.publish(
      await shortPayload(1, { html: renderArticleHtml(state), images: [], featuredImageHash: null }),
      null,
      {},
    );
    const page = readFileSync(path.join(root, ref.url), 'utf8');
    expect(page).toContain('<strong>Huế</strong>');
    expect(await validationErrors(page, ref.url)).toEqual([]);
  });
});

describe('the folder lock', () => {
  const lockFile = () => path.join(root, '.bientap/khoa');
  const holdLock = (owner: { host: string; pid: number; at: string }) => {
    mkdirSync(path.dirname(lockFile()), { recursive: true });
    writeFileSync(lockFile(), JSON.stringify(owner));
  };

  it('makes a publish wait while another live process holds the folder', async () => {
    holdLock({ host: hostname(), pid: process.pid, at: new Date().toISOString() });
    const error = await site.publish(await shortPayload(1), null, {}).catch((caught: unknown) => caught);
    expect((error as PublishError).kind).toBe('transient');
    expect((error as PublishError).message).toContain(`tiến trình ${process.pid}`);
    expect(listFiles(root)).toEqual(['.bientap/khoa']);
  });

  it('takes over a lock whose process has ended, and releases its own', async () => {
    const ended = spawnSync(process.execPath, ['-e', '0']).pid;
    holdLock({ host: hostname(), pid: ended, at: new Date().toISOString() });
    await site.publish(await shortPayload(1), null, {});
    expect(existsSync(lockFile())).toBe(false);
  });

  it('trusts a recent lock from another machine and takes over an old one', async () => {
    holdLock({ host: 'may-khac', pid: 1, at: new Date(Date.now() - 60_000).toISOString() });
    const error = await site.publish(await shortPayload(1), null, {}).catch((caught: unknown) => caught);
    expect((error as PublishError).kind).toBe('transient');
    holdLock({ host: 'may-khac', pid: 1, at: new Date(Date.now() - STALE_LOCK_MS - 60_000).toISOString() });
    await site.publish(await shortPayload(1), null, {});
    expect(existsSync(lockFile())).toBe(false);
  });
});
