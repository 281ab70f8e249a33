import path from 'node:path';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, it } from 'vitest';
import layers from '../scripts/lint/layers.mjs';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const root = path.resolve(import.meta.dirname, '..');
const tester = new RuleTester({
  languageOptions: { parser: tseslint.parser, ecmaVersion: 'latest', sourceType: 'module' },
});
const rule = layers.rules.layers;

function file(relative: string, code: string) {
  return { code, filename: path.join(root, relative), options: [{ root }] };
}

function bad(relative: string, code: string) {
  return { ...file(relative, code), errors: [{ messageId: 'forbidden' as const }] };
}

tester.run('layers', rule, {
  valid: [
    file('src/shared/api/contract.ts', "import { z } from 'zod'; import { nfc } from '../text';"),
    file(
      'src/core/db/open.ts',
      "import Database from 'better-sqlite3'; import { join } from 'node:path'; import { nfc } from '../../shared/text';",
    ),
    // The main process starts the core process and runs the command line; it never opens the core itself.
    file(
      'src/main/index.ts',
      "import { app } from 'electron'; import type { ToCore } from '../coreprocess/protocol'; const { runCli } = await import('../cli/run');",
    ),
    file(
      'src/coreprocess/index.ts',
      "import { openCore } from '../core/index'; import { DEFAULT_MESSAGES } from '../shared/errors'; const { net } = await import('electron');",
    ),
    file(
      'src/preload/index.ts',
      "import { contextBridge } from 'electron'; import { METHOD_NAMES } from '../shared/api/methods';",
    ),
    file('src/renderer/App.tsx', "import { useState } from 'react'; import type { User } from '../shared/domain';"),
    // A renderer folder that happens to be called core is still the renderer.
    file('src/renderer/core/store.ts', "import { x } from '../core/thing';"),
    file('src/webhost/main.ts', "import http from 'node:http'; import { openCore } from '../core';"),
    // A test may use the test runner and Node whatever layer it checks.
    file(
      'src/shared/text.test.ts',
      "import { it } from 'vitest'; import { tmpdir } from 'node:os'; import { nfc } from './text';",
    ),
    // The editor's nodes live in src/shared/lexical, the one shared folder that may use Lexical.
    file(
      'src/shared/lexical/imageNode.ts',
      "import { DecoratorNode } from 'lexical'; import { ListNode } from '@lexical/list'; import { nfc } from '../text';",
    ),
    file('src/shared/lexical/nodes.ts', "import { TableNode } from '@lexical/table'; import { z } from 'zod';"),
    file('src/shared/domain.ts', "import { EDITOR_NODE_TYPES } from './lexical/json';"),
    // The command line runs the core in plain Node.
    file(
      'src/cli/main.ts',
      "import Database from 'better-sqlite3'; import { parseArgs } from 'node:util'; import { verifyDatabase } from '../core/admin/verify'; import { AppError } from '../shared/errors';",
    ),
    // Only files inside src/<layer>/ are judged.
    file('e2e/support/host.ts', "import { openCore } from '../../src/core'; import { _electron } from 'playwright';"),
  ],
  invalid: [
    bad('src/shared/text.ts', "import { readFileSync } from 'node:fs';"),
    bad('src/shared/text.ts', "import path from 'path';"),
    bad('src/shared/api/contract.ts', "import { ipcRenderer } from 'electron';"),
    bad('src/shared/domain.ts', "import { createEditor } from 'lexical';"),
    bad('src/shared/domain.ts', "import { openCore } from '../core';"),
    bad('src/shared/domain.ts', "import { ListNode } from '@lexical/list';"),
    // A file beside the folder, not in it, is the rest of src/shared.
    bad('src/shared/lexical.ts', "import { createEditor } from 'lexical';"),
    bad(
      'src/shared/lexical/imageNode.ts',
      "import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';",
    ),
    bad('src/shared/lexical/imageNode.ts', "import { useState } from 'react';"),
    bad('src/shared/lexical/imageNode.ts', "import { JSDOM } from 'jsdom';"),
    bad('src/shared/lexical/imageNode.ts', "import { readFileSync } from 'node:fs';"),
    bad('src/shared/lexical/nodes.ts', "import { RENDER_NODES } from '../../core/render/nodes';"),
    bad('src/core/articles/save.ts', "import { app } from 'electron';"),
    bad('src/core/articles/save.ts', "const electron = require('electron');"),
    bad('src/core/articles/save.ts', "export { app } from 'electron/main';"),
    bad('src/core/articles/save.ts', "type App = typeof import('electron');"),
    bad('src/core/index.ts', "import { Button } from '@mantine/core';"),
    bad('src/renderer/App.tsx', "import { openCore } from '../core';"),
    bad('src/renderer/editor/Editor.tsx', "import type { Core } from '../../core/index';"),
    bad('src/renderer/editor/Editor.tsx', "const m = await import('../../core/db/open');"),
    bad('src/renderer/App.tsx', "export * from '../webhost/main';"),
    bad('src/renderer/App.tsx', "import { readFile } from 'node:fs/promises';"),
    bad('src/renderer/App.tsx', "import Database from 'better-sqlite3';"),
    bad('src/preload/index.ts', "import { openCore } from '../core';"),
    bad('src/main/index.ts', "import { openCore } from '../core';"),
    bad('src/main/index.ts', "import Database from 'better-sqlite3';"),
    bad('src/coreprocess/index.ts', "import { createMainWindow } from '../main/windows';"),
    bad('src/coreprocess/index.ts', "import { Button } from '@mantine/core';"),
    bad('src/webhost/main.ts', "import { BrowserWindow } from 'electron';"),
    bad('src/webhost/main.ts', "import { App } from '../renderer/App';"),
    bad('src/cli/main.ts', "import { app } from 'electron';"),
    bad('src/cli/main.ts', "import { render } from 'react-dom';"),
    bad('src/cli/proofread.ts', "import { Button } from '@mantine/core';"),
    bad('src/cli/main.ts', "import { LexicalComposer } from '@lexical/react/LexicalComposer';"),
    bad('src/cli/main.ts', "import { createWindow } from '../main/window';"),
    bad('src/cli/main.ts', "import { App } from '../renderer/src/App';"),
    bad('src/cli/main.ts', "import { startWebHost } from '../webhost/server';"),
    bad('src/cli/main.ts', "import { createBridge } from '../preload/bridge';"),
    // ...but not across layers.
    bad('src/renderer/src/api.test.ts', "import { openCore } from '../../core';"),
  ],
});
