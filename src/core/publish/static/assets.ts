import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The site's one stylesheet and one script (`assets/site.css`, `assets/site.js` beside this file),
 * written to `assets/` beside the pages. Nothing comes from anywhere else, so the folder works
 * offline, from file:// and behind any web server.
 *
 * Read relative to this module: beside the sources under tsx (CLI, web host) and vitest, and
 * beside `out/main/index.js` in the Electron main bundle, whose build copies them there
 * (electron.vite.config.ts). A path string, not the URL: Electron reads its app archive by path.
 */
const asset = (url: URL) => readFileSync(fileURLToPath(url), 'utf8');

export const STYLESHEET = asset(new URL('./assets/site.css', import.meta.url));

/**
 * The page controls: "Xem cỡ chữ" (remembered per browser) and "Đọc bài viết" through the browser's
 * own speech synthesis. Both controls ship hidden and this script reveals them, so a reader without
 * scripts, or without a Vietnamese voice, never sees a button that does nothing.
 */
export const SCRIPT = asset(new URL('./assets/site.js', import.meta.url));

/**
 * The verification page's script (`kiem-tra.html`): the verifier of src/shared/seal bundled for
 * browsers by `npm run build:verifier` (a test fails when it is stale).
 */
export const VERIFIER_SCRIPT = asset(new URL('./assets/kiem-tra.js', import.meta.url));
