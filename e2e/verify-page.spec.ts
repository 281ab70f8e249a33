import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { renderVerifyPage } from '../src/core/publish/static/verifyPage';
import {
  imageFile,
  keysFile,
  makeArticle,
  makeOffice,
  makeSeal,
  makeSigner,
  staticPage,
  type Office,
} from '../src/core/seal/verifyFixture';
import { KEYS_PATH, VERIFY_PAGE_PATH } from '../src/shared/seal/format';
import { serveFolder } from './support/siteServer';

/**
 * The site's verification page in a real browser: a static site folder (the verification page, its
 * script as committed, the stylesheet, the office's keys, a sealed article and its images) served
 * over HTTP, and a reader checking the article by its address, by the "kiểm tra" link's
 * `?dia-chi=`, and as a saved file.
 */

const ASSETS = join(import.meta.dirname, '..', 'src', 'core', 'publish', 'static', 'assets');

// A page in a browser, whatever the app under test: the Electron run has no browser page to open it in.
test.skip(process.env.E2E_TARGET === 'electron', 'the verification page is checked in Chromium');

let root: string;
let site: Awaited<ReturnType<typeof serveFolder>>;
let base: string;
let office: Office;
let intact: string;
let imagePaths: string[];

test.beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'bientap-kiem-tra-'));
  office = makeOffice();
  const signer = makeSigner(office);
  const article = await makeArticle();
  const images = [article.featured, article.bodyImage];
  const seal = makeSeal({ office, signer, article, shows: ['title', 'summary', 'body', 'byline'], images });
  intact = await staticPage(article, seal);
  for (const folder of ['assets', 'bai-viet', 'images', '.well-known']) mkdirSync(join(root, folder));
  writeFileSync(
    join(root, VERIFY_PAGE_PATH),
    renderVerifyPage({
      siteTitle: 'Cổng thông tin Huế',
      stylesheetHref: 'assets/site.css',
      scriptHref: 'assets/kiem-tra.js',
      keysHref: KEYS_PATH,
    }),
  );
  for (const asset of ['kiem-tra.js', 'site.css'])
    writeFileSync(join(root, 'assets', asset), readFileSync(join(ASSETS, asset)));
  writeFileSync(join(root, KEYS_PATH), JSON.stringify(keysFile(office, [signer])));
  writeFileSync(join(root, 'bai-viet', 'hue.html'), intact);
  writeFileSync(join(root, 'bai-viet', 'hue-sua.html'), intact.replace('Lễ hội kéo dài', 'Lễ hội kéo rất dài'));
  imagePaths = images.map((image) => join(root, 'images', imageFile(image)));
  images.forEach((image, i) => writeFileSync(imagePaths[i]!, image.bytes));

  site = await serveFolder(root);
  base = site.base;
});

test.afterAll(async () => {
  await site.close();
  rmSync(root, { recursive: true, force: true });
});

const grouped = (fingerprint: string) => (fingerprint.match(/.{4}/g) ?? []).join(' ');

test('a reader checks an article by its address, then a tampered copy', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${base}/${VERIFY_PAGE_PATH}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kiểm tra bài viết');
  // The office this site trusts, for the reader to compare with what the office publishes elsewhere.
  await expect(page.locator('[data-kiem-tra="van-phong"] code')).toHaveText(grouped(office.fingerprint));

  await page.getByLabel('Địa chỉ bài viết').fill(`${base}/bai-viet/hue.html`);
  await page.getByRole('button', { name: 'Kiểm tra' }).click();
  const result = page.locator('[data-kiem-tra="ket-qua"]');
  await expect(result.getByRole('heading', { level: 2 })).toHaveText('Bài này đúng như đã được ký duyệt');
  await expect(result.locator('li')).toHaveCount(8);
  await expect(result).toContainText('✓ 2 ảnh trên trang đúng là ảnh đã ký duyệt.');
  await expect(result).toContainText('Người ký duyệt: Trần Văn Bình');

  await page.getByLabel('Địa chỉ bài viết').fill(`${base}/bai-viet/hue-sua.html`);
  await page.getByRole('button', { name: 'Kiểm tra' }).click();
  await expect(result.getByRole('heading', { level: 2 })).toContainText('đã bị sửa sau khi ký');
  await expect(result).toContainText('Đã thêm "rất" (… Tâm Lễ hội kéo rất dài đến hết tháng …)');
  expect(errors).toEqual([]);
});

test('the "kiểm tra" link under an article checks it on arrival', async ({ page }) => {
  await page.goto(`${base}/${VERIFY_PAGE_PATH}?dia-chi=${encodeURIComponent('bai-viet/hue.html')}`);
  await expect(page.locator('[data-kiem-tra="ket-qua"] h2')).toHaveText('Bài này đúng như đã được ký duyệt');
  await expect(page.getByLabel('Địa chỉ bài viết')).toHaveValue(`${base}/bai-viet/hue.html`);
});

test('a page that cannot be fetched asks for the saved file, which is then checked with its images', async ({
  page,
}) => {
  await page.goto(`${base}/${VERIFY_PAGE_PATH}`);
  await page.getByLabel('Địa chỉ bài viết').fill('http://127.0.0.1:9/bai-viet/khac.html');
  await page.getByRole('button', { name: 'Kiểm tra' }).click();
  const result = page.locator('[data-kiem-tra="ket-qua"]');
  await expect(result.getByRole('alert')).toContainText('lưu lại (Ctrl+S');

  const saved = join(root, 'da-luu.html');
  writeFileSync(saved, intact);
  // The page first, alone: its images cannot be checked yet.
  await page.locator('input[type="file"]').setInputFiles(saved);
  await expect(result.locator('h2')).toHaveText('Chưa kiểm tra được đầy đủ: 2 ảnh chưa kiểm tra được');
  // Then its images, picked from the folder beside it.
  await page.locator('input[type="file"]').setInputFiles(imagePaths);
  await expect(result.locator('h2')).toHaveText('Bài này đúng như đã được ký duyệt');
});
