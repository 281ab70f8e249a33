import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishedSite } from '../core/seal/publishedFixture';
import {
  imageFile,
  keysFile,
  makeArticle,
  makeOffice,
  makeSeal,
  makeSigner,
  staticPage,
  type Article,
  type Office,
} from '../core/seal/verifyFixture';
import { openTestCore, runCli, tempDir } from '../core/testkit';

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

let dir: string;
let page: string;
let keysPath: string;
let office: Office;
let article: Article;
let intactHtml: string;

/** A site folder as the static publisher lays it out: the page, its images, the office's keys. */
beforeAll(async () => {
  dir = tempDir('bientap-verify-page-');
  office = makeOffice();
  const signer = makeSigner(office);
  article = await makeArticle();
  const seal = makeSeal({
    office,
    signer,
    article,
    shows: ['title', 'summary', 'body', 'byline'],
    images: [article.featured, article.bodyImage],
  });
  intactHtml = await staticPage(article, seal);
  mkdirSync(join(dir, 'bai-viet'));
  mkdirSync(join(dir, 'images'));
  mkdirSync(join(dir, '.well-known'));
  page = join(dir, 'bai-viet', 'hue.html');
  writeFileSync(page, intactHtml);
  for (const image of [article.featured, article.bodyImage])
    writeFileSync(join(dir, 'images', imageFile(image)), image.bytes);
  keysPath = join(dir, '.well-known', 'bientap-keys.json');
  writeFileSync(keysPath, JSON.stringify(keysFile(office, [signer])));
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = (...args: string[]) => runCli(['verify-page', ...args]);

/** A variant of the page beside the original, so its images resolve the same way. */
function variant(name: string, html: string): string {
  const file = join(dir, 'bai-viet', name);
  writeFileSync(file, html);
  return file;
}

// Each test runs the command several times, each a Node process starting tsx: seconds apiece on a busy machine.
describe('bientap verify-page FILE', { timeout: 60_000 }, () => {
  it('says an intact page is intact, with exit code 0', () => {
    const run = cli(page, '--keys', keysPath);
    expect(run.code, run.stderr + run.stdout).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('Bài này đúng như đã được ký duyệt');
    expect(lines.filter((line) => line.startsWith('✓'))).toHaveLength(8);
    expect(run.stdout).toContain('Người ký duyệt: Trần Văn Bình');
    expect(run.stdout).toContain(
      `Mã khóa văn phòng: ${office.fingerprint.slice(0, 4)} ${office.fingerprint.slice(4, 8)}`,
    );
    // The office came from the keys file, not from the reader: the output says so.
    expect(run.stdout).toContain('bạn chưa chỉ định văn phòng (--office)');
  });

  it('trusts an office given by fingerprint alone, and says nothing about pinning then', () => {
    const run = cli(page, '--office', office.fingerprint.toUpperCase(), '--json');
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { verdict: string; pinnedBy: string; notes: string[] };
    expect(result).toMatchObject({ verdict: 'intact', pinnedBy: 'office', officePinned: true });
    expect(result.notes.join(' ')).not.toContain('chưa chỉ định');
  });

  it('is incomplete (exit 2) when nothing says which office to trust', () => {
    const run = cli(page);
    expect(run.code).toBe(2);
    expect(run.stdout.split('\n')[0]).toMatch(/^Chưa kiểm tra được đầy đủ: chưa đối chiếu được khóa của văn phòng/);
    expect(run.stdout).toContain('chưa có văn phòng nào để đối chiếu');
  });

  it('names a changed word (exit 1)', () => {
    const file = variant('sua.html', intactHtml.replace('Lễ hội kéo dài', 'Lễ hội kéo rất dài'));
    const run = cli(file, '--keys', keysPath);
    expect(run.code).toBe(1);
    expect(run.stdout.split('\n')[0]).toBe('Bài trên trang đã bị sửa sau khi ký: chữ đã bị sửa (1 chỗ)');
    expect(run.stdout).toContain('  - Đã thêm "rất" (');
    expect(run.stdout).toContain('✗ Chữ trên trang khác với bài đã ký duyệt (1 chỗ).');
  });

  it('is incomplete (exit 2) when an image file is missing', () => {
    const file = variant(
      'thieu-anh.html',
      intactHtml.replace(`../images/${imageFile(article.bodyImage)}`, '../images/khong-co.png'),
    );
    const run = cli(file, '--keys', keysPath);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('? 1 ảnh chưa kiểm tra được (không lấy được ảnh: "khong-co.png")');
  });

  it('refuses a page from another office (exit 1)', () => {
    const run = cli(page, '--office', makeOffice().fingerprint);
    expect(run.code).toBe(1);
    expect(run.stdout.split('\n')[0]).toMatch(
      /^Dấu ký duyệt không hợp lệ: trang này được đóng dấu bởi một văn phòng khác/,
    );
  });

  it('says a page without a seal has none (exit 1)', () => {
    const file = variant('khong-dau.html', intactHtml.replace(/<!-- bientap:seal=[^>]*-->/, ''));
    const run = cli(file, '--keys', keysPath);
    expect(run.code).toBe(1);
    expect(run.stdout.split('\n')[0]).toBe('Trang này không có dấu ký duyệt của Biên Tập');
  });

  it('refuses bad usage with exit code 2', () => {
    expect(cli().code).toBe(2);
    const badOffice = cli(page, '--office', 'abc');
    expect(badOffice.code).toBe(2);
    expect(badOffice.stderr).toContain('--office phải là mã khóa văn phòng');
    const noFile = cli(join(dir, 'khong-co.html'));
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toContain('Không có tệp');
    const badKeys = cli(page, '--keys', page);
    expect(badKeys.code).toBe(2);
    expect(badKeys.stderr).toContain('không phải tệp khóa');
  });

  it("reads the office's keys from its database with --data", async () => {
    const { core, page: published } = await publishedSite();
    try {
      const run = cli(published, '--data', core.dir);
      expect(run.code, run.stderr + run.stdout).toBe(0);
      expect(run.stdout.split('\n')[0]).toBe('Bài này đúng như đã được ký duyệt');
      expect(run.stdout).toContain(`Danh sách khóa: lấy từ dữ liệu của văn phòng trong ${core.dir}.`);
      // A page sealed by another office than the one in this database.
      const other = cli(page, '--data', core.dir);
      expect(other.code).toBe(1);
      const office = JSON.parse(cli(published, '--data', core.dir, '--json').stdout) as {
        office: { fingerprint: string };
      };
      expect(other.stdout).toContain(`không phải văn phòng có khóa ${office.office.fingerprint.slice(0, 16)}…`);
      // What the office publishes for readers to compare: the same key.
      const key = runCli(['office-key', '--data', core.dir, '--json']);
      expect(key.code).toBe(0);
      expect(JSON.parse(key.stdout)).toMatchObject({ fingerprint: office.office.fingerprint });
      expect(runCli(['office-key', '--data', core.dir]).stdout).toContain('Mã khóa (SHA-256): ');
    } finally {
      core.close();
    }
  }, 120_000);

  it('says when the database has no office key yet (exit 2)', () => {
    const core = openTestCore();
    try {
      const run = cli(page, '--data', core.dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('chưa có khóa văn phòng');
      expect(runCli(['office-key', '--data', core.dir])).toMatchObject({
        code: 1,
        stdout: expect.stringContaining('Văn phòng chưa có khóa'),
      });
      // An administrator about to start the office server makes the key first; asking again gives the same one.
      const made = runCli(['office-key', '--data', core.dir, '--create', '--json']);
      expect(made.code).toBe(0);
      const { fingerprint } = JSON.parse(made.stdout) as { fingerprint: string };
      expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.parse(runCli(['office-key', '--data', core.dir, '--json']).stdout)).toMatchObject({ fingerprint });
    } finally {
      core.close();
    }
  });
});

/** The command as a child process, without blocking this process (which serves the site). */
function cliAsync(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'verify-page', ...args], {
      cwd: PROJECT_ROOT,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('bientap verify-page URL', { timeout: 60_000 }, () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((request, response) => {
      const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
      try {
        response.end(readFileSync(join(dir, path)));
      } catch {
        response.statusCode = 404;
        response.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("finds the site's keys file above the page and its images by address", async () => {
    const run = await cliAsync(`${base}/bai-viet/hue.html`);
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(run.stdout).toContain(`Danh sách khóa: ${base}/.well-known/bientap-keys.json (do chính trang web công bố).`);
  });

  it('says so when the address cannot be fetched (exit 2)', async () => {
    const run = await cliAsync(`${base}/bai-viet/khong-co.html`);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Không tải được trang');
  });
});
