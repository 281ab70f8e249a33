import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY } from './src/shared/csp';

export { CONTENT_SECURITY_POLICY };

/** Puts the CSP into the built page only: the dev server's hot reload needs inline scripts. */
function cspMeta(): Plugin {
  return {
    name: 'bientap-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: META_CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  };
}

/**
 * The static site's stylesheet and script, emitted as `out/main/assets/…`: the core reads them with
 * `new URL('./assets/…', import.meta.url)`, which from the bundle means beside `out/main/index.js`.
 */
function staticSiteAssets(): Plugin {
  const folder = resolve('src/core/publish/static/assets');
  return {
    name: 'bientap-static-site-assets',
    apply: 'build',
    generateBundle() {
      for (const name of readdirSync(folder))
        this.emitFile({ type: 'asset', fileName: `assets/${name}`, source: readFileSync(resolve(folder, name)) });
    },
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      externalizeDeps: true,
      rollupOptions: {
        // The main process and the core process it starts (src/coreprocess): two entries, one folder.
        input: { index: resolve('src/main/index.ts'), core: resolve('src/coreprocess/index.ts') },
        // Shared chunks sit beside the entries: the core finds its assets and the sample article relative
        // to its own file, which must then be one folder below out/.
        output: { chunkFileNames: '[name]-[hash].js' },
      },
    },
    plugins: [staticSiteAssets()],
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require modules: bundle everything into one CommonJS file.
      externalizeDeps: false,
      rollupOptions: { output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    build: { outDir: resolve('out/renderer'), rollupOptions: { input: resolve('src/renderer/index.html') } },
    plugins: [react(), cspMeta()],
  },
});
