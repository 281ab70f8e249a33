// Type-checks each TypeScript project and counts files: a file passes when no error points into it.
import path from 'node:path';
import { isMain, packageBin, ROOT, run } from './lib/proc.mjs';

// src/shared/lexical has a project of its own: Lexical's typings need the DOM, the rest of src/shared must not.
export const PROJECTS = [
  'tsconfig.shared.json',
  'tsconfig.lexical.json',
  'tsconfig.portable.json',
  'tsconfig.node.json',
  'tsconfig.web.json',
];

/**
 * @param {string} project
 * @returns {Promise<{ files: Set<string>, failing: Set<string>, errors: string[], code: number }>}
 */
async function checkProject(project) {
  const tsc = packageBin('typescript', 'bin/tsc');
  const { code, output } = await run(
    process.execPath,
    [tsc, '-p', project, '--noEmit', '--listFiles', '--pretty', 'false'],
    { capture: true },
  );
  const files = new Set();
  const failing = new Set();
  const errors = [];
  for (const line of output.split(/\r?\n/)) {
    const error = /^(.+?)\(\d+,\d+\): error TS\d+/.exec(line);
    if (error?.[1]) {
      failing.add(path.resolve(ROOT, error[1]));
      errors.push(line);
    } else if (/^error TS\d+|^\S.*: error TS\d+/.test(line)) {
      failing.add(project);
      errors.push(line);
    } else if (path.isAbsolute(line) && !line.includes(`${path.sep}node_modules${path.sep}`)) {
      files.add(path.resolve(line));
    } else if (line.startsWith(' ') && errors.length) {
      errors.push(line);
    }
  }
  if (code !== 0 && failing.size === 0) {
    failing.add(project);
    errors.push(output.trim());
  }
  return { files, failing, errors, code };
}

/** @returns {Promise<{ passed: number, failed: number }>} */
export async function typecheck() {
  const results = await Promise.all(PROJECTS.map(checkProject));
  const files = new Set(results.flatMap((result) => [...result.files]));
  const failing = new Set(results.flatMap((result) => [...result.failing]));
  const errors = [...new Set(results.flatMap((result) => result.errors))];
  for (const line of errors) console.log(line);
  for (const entry of failing) files.add(entry);
  return { passed: files.size - failing.size, failed: failing.size };
}

if (isMain(import.meta.url)) {
  const { passed, failed } = await typecheck();
  console.log(`typecheck: ${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}
