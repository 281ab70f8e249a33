import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../core/testkit';
import { unicodeToLegacy } from '../shared/legacy';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SAMPLE = join(ROOT, 'fixtures/sample-article.txt');
const CLEAN = join(ROOT, 'src/shared/proofread/fixtures/clean-article.txt');
const dir = tempDir('bientap-proofread-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the real command as a child process, as an editor at a terminal would. */
const cli = (args: string[]) => runCli(['proofread', ...args]);

interface JsonFinding {
  line: number;
  column: number;
  rule: string;
  severity: string;
  message: string;
  fix?: string;
}

// Each run starts Node with tsx and the whole command line: slow on a busy machine.
describe('bientap proofread', { timeout: 90_000 }, () => {
  it('prints line:col rule message → fix and exits 1 on errors', () => {
    const run = cli([SAMPLE]);
    expect(run.code, run.stderr).toBe(1);
    const lines = readFileSync(SAMPLE, 'utf8').split('\n');
    const line = lines.findIndex((l) => l.includes('quốcvào'));
    const column = lines[line]!.indexOf('quốcvào') + 1;
    expect(run.stdout).toContain(`${line + 1}:${column} spacing.gluedWords Hai từ bị dính liền và câu trích`);
    expect(run.stdout).toMatch(/spacing\.gluedWords .* → "quốc” vào"\n/);
    // The press writes UBND without spelling it out: the default list accepts it.
    expect(run.stdout).not.toContain('abbreviation.undefined');
    expect(run.stdout).toMatch(/spelling\.known .* → "Camera"\n/);
    expect(run.stdout).not.toContain('tone.style');
  });

  it('--fix prints the text with every fix applied, in the house style, and proofreading it finds nothing to fix', () => {
    const run = cli([SAMPLE, '--fix', '--style', 'new']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('an ninh Tổ quốc” vào dịp 19/8');
    expect(run.stdout).toContain('mô hình “Camera an ninh”');
    expect(run.stdout).toContain('tự hoà giải');
    expect(run.stdout).not.toMatch(/Camara|quốcvào|hòa| {2}/);
    const fixed = join(dir, 'da-sua.txt');
    writeFileSync(fixed, run.stdout);
    const again = JSON.parse(cli([fixed, '--json', '--style', 'new']).stdout) as JsonFinding[];
    expect(again.filter((f) => f.fix !== undefined)).toEqual([]);
  });

  it('prints JSON with the house style applied', () => {
    const run = cli([SAMPLE, '--json', '--style', 'new']);
    expect(run.code).toBe(1);
    const found = JSON.parse(run.stdout) as JsonFinding[];
    const tone = found.filter((f) => f.rule === 'tone.style').map((f) => f.fix);
    expect(tone).toEqual(['uỷ', 'uỷ', 'hoà', 'hoá']);
    expect(found.find((f) => f.rule === 'spacing.double')).toMatchObject({ line: 6, severity: 'warning', fix: ' ' });
    for (const f of found)
      expect(Object.keys(f).sort()).toEqual(
        ['column', 'fix', 'line', 'message', 'rule', 'severity'].filter((k) => k !== 'fix' || f.fix !== undefined),
      );
  });

  it('exits 0 with no output on a clean article', () => {
    const run = cli([CLEAN, '--style', 'new']);
    expect(run).toMatchObject({ code: 0, stdout: '' });
  });

  it('reads non-UTF-8 bytes as Windows-1252 and reports TCVN3 text with its conversion', () => {
    const file = join(dir, 'cu.txt');
    const unicode = 'Trường Đại học Huế tổ chức lễ khai giảng';
    writeFileSync(file, Buffer.from(`${unicodeToLegacy(unicode, 'tcvn3')}\n`, 'latin1'));
    const run = cli([file, '--json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Windows-1252');
    expect(run.stderr).toContain('TCVN3');
    expect(JSON.parse(run.stdout)).toEqual([
      expect.objectContaining({ line: 1, column: 1, rule: 'unicode.legacyFont', fix: unicode }),
    ]);
  });

  it('refuses an unknown style', () => {
    const style = cli([SAMPLE, '--style', 'moi']);
    expect(style.code).toBe(2);
    expect(style.stderr).toContain('--style phải là old');
  });

  it('refuses a missing file', () => {
    const missing = cli([join(dir, 'khong-co.txt')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Không có tệp');
  });
});
