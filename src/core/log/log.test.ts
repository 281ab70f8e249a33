import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCore } from '../index';
import { tempDir } from '../testTempDirs';
import { LOG_FILE, LOG_FOLDER, openLogFile, readLogForSupport } from './log';

describe('the log file', () => {
  it('writes one JSON line per entry, errors with their stack, and prints only warnings and errors', async () => {
    const dir = tempDir();
    const printed: string[] = [];
    const log = openLogFile(dir, { echo: (line) => printed.push(line) });
    log.info('Đã mở dữ liệu');
    log.warn('Không gửi được bài tới trang');
    log.error('Lỗi khi xử lý yêu cầu', new TypeError('x is undefined'));
    await log.close();

    const file = join(dir, LOG_FOLDER, LOG_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, LOG_FOLDER)).mode & 0o777).toBe(0o700);
    const entries = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { level: string; msg: string; time: string; error?: string });
    expect(entries.map((entry) => [entry.level, entry.msg])).toEqual([
      ['info', 'Đã mở dữ liệu'],
      ['warn', 'Không gửi được bài tới trang'],
      ['error', 'Lỗi khi xử lý yêu cầu'],
    ]);
    expect(entries[2]!.error).toMatch(/^TypeError: x is undefined\n\s+at /);
    expect(Date.parse(entries[0]!.time)).not.toBeNaN();
    expect(printed).toEqual(['Không gửi được bài tới trang', expect.stringContaining('TypeError: x is undefined')]);
  });

  it('rotates past its size, keeps a few old files, and gives support everything in order, readable', async () => {
    const dir = tempDir();
    const log = openLogFile(dir, { echo: () => {}, rotateAt: '2K' });
    for (let i = 0; i < 200; i++) {
      log.info(`mục ${String(i).padStart(3, '0')} ${'x'.repeat(40)}`);
      // The stream checks its size as its writes land: let them land now and then, as a working day would.
      if (i % 10 === 9) await log.flush();
    }
    log.error('hỏng', new Error('đĩa đầy'));
    await log.close();

    // Beside the logs, the stream keeps its list of rotated files (bientap.log.txt).
    const files = readdirSync(join(dir, LOG_FOLDER)).filter((name) => name.endsWith(LOG_FILE));
    expect(files).toContain(LOG_FILE);
    // The current file and at most five rotated ones: the oldest entries are gone.
    expect(files.length).toBeGreaterThan(1);
    expect(files.length).toBeLessThanOrEqual(6);
    const text = readLogForSupport(dir);
    const lines = text.trim().split('\n');
    const numbers = lines.flatMap((line) => /mục (\d{3})/.exec(line)?.[1] ?? []).map(Number);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(numbers.at(-1)).toBe(199);
    expect(numbers[0]).toBeGreaterThan(0);
    const failure = lines.findIndex((line) => / LỖI hỏng$/.test(line));
    expect(lines[failure]).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z LỖI hỏng$/);
    expect(lines[failure + 1]).toBe('    Error: đĩa đầy');
    // The stack follows, indented, to the end.
    expect(lines.slice(failure + 2).every((line) => /^ {4}\s*at /.test(line))).toBe(true);
    expect(text).toMatch(/THÔNG TIN mục 199/);

    // At most the newest `limit` bytes, cut at a line.
    const tail = readLogForSupport(dir, 500);
    expect(Buffer.byteLength(tail)).toBeLessThanOrEqual(500);
    expect(tail.endsWith('\n')).toBe(true);
    expect(tail.split('\n')[0]).toMatch(/^(\d{4}-| {4})/);
  });

  it('is empty where nothing was logged, and passes a line it cannot read through as it is', () => {
    const dir = tempDir();
    expect(readLogForSupport(dir)).toBe('');
    const log = openLogFile(dir, { echo: () => {} });
    void log.close();
    writeFileSync(join(dir, LOG_FOLDER, LOG_FILE), 'not json\n');
    expect(readLogForSupport(dir)).toBe('not json\n');
  });
});

describe('the core and its log', () => {
  it('logs every start, and why a damaged file did not open (the recovery screen opens instead)', async () => {
    const dir = tempDir();
    const core = openCore({ dataDir: dir, publishWorker: false, backups: false });
    await core.close();
    expect(readLogForSupport(dir)).toMatch(/THÔNG TIN Đã mở dữ liệu .*bientap\.sqlite \(lược đồ \d+\)/);

    writeFileSync(join(dir, 'bientap.sqlite'), Buffer.alloc(8192, 7));
    const recovery = openCore({ dataDir: dir, publishWorker: false, backups: false });
    expect(await recovery.dispatch({ method: 'recovery.status', session: null, input: {} })).toMatchObject({
      ok: true,
      value: { damaged: true },
    });
    await recovery.close();
    expect(readLogForSupport(dir)).toMatch(/LỖI Không mở được dữ liệu\n {4}AppError: /);
    expect(() => openCore({ dataDir: dir, publishWorker: false, backups: false, recovery: false })).toThrow(/bị hỏng/);
  });

  it('gives anyone signed in the log as a file, with the stack of an internal error', async () => {
    const dir = tempDir();
    const core = openCore({ dataDir: dir, publishWorker: false, backups: false, kdfCost: { N: 1024, r: 8, p: 1 } });
    try {
      expect(await core.dispatch({ method: 'logs.export', session: null, input: {} })).toMatchObject({
        ok: false,
        error: { code: 'UNAUTHENTICATED' },
      });
      const admin = (await core.dispatch({
        method: 'setup.createAdmin',
        session: null,
        input: { username: 'quantri', displayName: 'Quản trị', password: 'mật khẩu đủ dài 123' },
      })) as { ok: true; value: { session: string } };
      const exported = (await core.dispatch({ method: 'logs.export', session: admin.value.session, input: {} })) as {
        ok: true;
        value: { fileName: string; text: string };
      };
      expect(exported.value.fileName).toMatch(/^bientap-nhat-ky-\d{8}-\d{4}\.txt$/);
      expect(exported.value.text).toContain('Đã mở dữ liệu');
    } finally {
      await core.close();
    }
  });
});
