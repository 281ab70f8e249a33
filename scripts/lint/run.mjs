// Lints and format-checks the project, counting files: a file passes when ESLint reports no error
// in it and Prettier would leave it unchanged.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ESLint } from 'eslint';
import * as prettier from 'prettier';
import { isMain, ROOT } from '../lib/proc.mjs';

// Folders never worth walking; .gitignore and .prettierignore still decide for everything else.
const SKIP_DIRS = new Set(['node_modules', '.git', 'out', 'dist', 'test-results', 'playwright-report', '.test-output']);

/** Every file either tool looked at. @type {Set<string>} */
const checked = new Set();

/**
 * @param {string} dir
 * @returns {AsyncGenerator<string>}
 */
async function* walk(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) yield* walk(full);
    } else if (entry.isFile()) {
      yield full;
    }
  }
}

/** @returns {Promise<string[]>} files Prettier would not leave as they are */
async function unformatted() {
  const ignorePath = [path.join(ROOT, '.prettierignore'), path.join(ROOT, '.gitignore')];
  const bad = [];
  for await (const file of walk(ROOT)) {
    const info = await prettier.getFileInfo(file, { ignorePath, resolveConfig: true });
    if (info.ignored || !info.inferredParser) continue;
    const options = (await prettier.resolveConfig(file)) ?? {};
    const source = await readFile(file, 'utf8');
    if (!(await prettier.check(source, { ...options, filepath: file }))) bad.push(file);
    checked.add(file);
  }
  return bad;
}

/** @returns {Promise<{ passed: number, failed: number }>} */
export async function lint() {
  const eslint = new ESLint({ cwd: ROOT });
  const results = await eslint.lintFiles(['.']);
  const failing = new Set();
  for (const result of results) {
    checked.add(result.filePath);
    if (result.errorCount > 0) failing.add(result.filePath);
  }
  const formatter = await eslint.loadFormatter('stylish');
  const report = await formatter.format(results);
  if (report) console.log(report);

  for (const file of await unformatted()) {
    failing.add(file);
    console.log(`Not formatted (run npm run format): ${path.relative(ROOT, file)}`);
  }
  return { passed: checked.size - failing.size, failed: failing.size };
}

if (isMain(import.meta.url)) {
  const { passed, failed } = await lint();
  console.log(`lint: ${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}
