#!/usr/bin/env node
// `npm run web -- --data DIR --port N [--demo]`: the workstation in the browser, explicitly.
import { buildIfNeeded } from './lib/project.mjs';
import { choosePort, defaultDataDir, launchOptions, serveInBrowser } from './lib/webhost.mjs';

const USAGE = 'Cách dùng / Usage: npm run web -- [--data THƯ_MỤC] [--port SỐ] [--demo]';

async function main() {
  const { demo, data, port } = launchOptions(USAGE);
  await buildIfNeeded('renderer');
  return serveInBrowser({
    dataDir: data ?? defaultDataDir(),
    port: port ?? (await choosePort()),
    demo,
  });
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
