// The layer boundaries of DESIGN.md as one ESLint rule. It resolves every import, export-from,
// dynamic import and require() to the layer it lands in, so `../core` from a renderer folder is
// judged by where it points, not by how it is spelled.
import { builtinModules } from 'node:module';
import path from 'node:path';

/** @typedef {'shared' | 'core' | 'coreprocess' | 'main' | 'preload' | 'renderer' | 'webhost' | 'cli' | 'server'} Layer */

/**
 * @typedef {object} LayerPolicy
 * @property {Layer[]} layers - source layers this layer may import
 * @property {string[] | null} packagesAllowed - if set, the only packages it may import (a trailing `/*` allows a scope)
 * @property {string[]} packagesDenied - packages it may never import (a trailing `/*` denies a scope)
 * @property {boolean} nodeBuiltins - whether `node:*` and other Node built-ins are allowed
 * @property {string} why - shown in the lint message
 * @property {Record<string, Omit<LayerPolicy, 'layers' | 'nodeBuiltins' | 'folders'>>} [folders] - folders of
 *   the layer (relative to it) whose files import other packages than the rest of the layer
 */

/** @type {Record<Layer, LayerPolicy>} */
export const POLICY = {
  shared: {
    layers: ['shared'],
    // An allowlist: anything platform-specific breaks the one place both sides trust.
    packagesAllowed: ['zod'],
    packagesDenied: [],
    nodeBuiltins: false,
    why: 'src/shared is pure TypeScript shared by Node and the browser (no node:*, no electron, no DOM libraries)',
    folders: {
      // The editor's nodes and their JSON exist once, here, for the editor and every headless reader.
      lexical: {
        packagesAllowed: ['zod', 'lexical', '@lexical/*'],
        packagesDenied: ['@lexical/react'],
        why: "src/shared/lexical holds the editor's nodes for both sides: lexical and its non-React packages only",
      },
      // An article's body as a Yjs flow and the binding of a Lexical editor to it, for the core's
      // headless editors and the renderer's live one alike.
      collab: {
        packagesAllowed: ['lexical', '@lexical/*', 'yjs', 'diff'],
        packagesDenied: ['@lexical/react'],
        why: 'src/shared/collab binds editors to documents on both sides: lexical, yjs and character diffs only',
      },
      // Bytes, hashes, Ed25519 and canonical JSON with web-standard APIs, for Node and browsers alike.
      crypto: {
        packagesAllowed: ['canonicalize'],
        packagesDenied: [],
        why: 'src/shared/crypto runs in Node and in the browser: web-standard APIs and canonical JSON only',
      },
      // The office directory, invitations and sign-in messages, checked by workstations and the server.
      sync: {
        packagesAllowed: ['zod'],
        packagesDenied: [],
        why: 'src/shared/sync runs in Node and in the browser: zod and src/shared only',
      },
      // The seal a published page carries and its verifier, run alike by the command line and the site's page.
      seal: {
        packagesAllowed: ['zod', 'canonicalize', 'diff'],
        packagesDenied: [],
        why: 'src/shared/seal runs in Node and in the browser: canonical JSON, word diffs and zod only',
      },
    },
  },
  core: {
    layers: ['core', 'shared'],
    packagesAllowed: null,
    packagesDenied: ['electron', 'react', 'react-dom', '@lexical/react', '@mantine/*', 'i18next', 'react-i18next'],
    nodeBuiltins: true,
    why: 'src/core runs in plain Node (tests, web host, a utility process) and never imports electron or UI code',
  },
  coreprocess: {
    layers: ['coreprocess', 'core', 'shared'],
    packagesAllowed: null,
    packagesDenied: ['react', 'react-dom', '@lexical/react', '@mantine/*', 'i18next', 'react-i18next'],
    nodeBuiltins: true,
    why: "src/coreprocess runs the core in the desktop app's utility process: plain Node, Electron's net at most",
  },
  main: {
    // The command line (`--cli`) runs in the main process: a utility process has no standard input for passwords.
    layers: ['main', 'coreprocess', 'cli', 'shared'],
    packagesAllowed: null,
    packagesDenied: ['better-sqlite3', 'react', 'react-dom', '@lexical/react', '@mantine/*'],
    nodeBuiltins: true,
    why: 'src/main is the Electron main process: it starts the core process and relays to it, it renders nothing',
  },
  preload: {
    layers: ['preload', 'shared'],
    packagesAllowed: null,
    packagesDenied: ['better-sqlite3', 'react', 'react-dom', '@mantine/*'],
    nodeBuiltins: false,
    why: 'src/preload is a sandboxed bridge built from the contract; it reaches the core only through IPC',
  },
  renderer: {
    layers: ['renderer', 'shared'],
    packagesAllowed: null,
    packagesDenied: ['electron', 'better-sqlite3', 'tsx'],
    nodeBuiltins: false,
    why: 'src/renderer is untrusted browser code; it talks only to window.bientap',
  },
  webhost: {
    layers: ['webhost', 'core', 'shared'],
    packagesAllowed: null,
    packagesDenied: ['electron', 'react', 'react-dom', '@mantine/*'],
    nodeBuiltins: true,
    why: 'src/webhost serves the core over loopback HTTP from plain Node, without electron',
  },
  cli: {
    layers: ['cli', 'core', 'shared'],
    packagesAllowed: null,
    packagesDenied: ['electron', 'react', 'react-dom', '@lexical/react', '@mantine/*', 'i18next', 'react-i18next'],
    nodeBuiltins: true,
    why: "src/cli is the administrator's command line over the core, in plain Node: no electron, no UI code",
  },
  server: {
    layers: ['server', 'shared'],
    packagesAllowed: null,
    packagesDenied: ['electron', 'react', 'react-dom', '@lexical/react', '@mantine/*'],
    nodeBuiltins: true,
    why: 'src/server is the office server (Hocuspocus, blobs) in plain Node: it stores and relays, it never imports the core, the renderer or main',
  },
};

const LAYER_NAMES = /** @type {Layer[]} */ (Object.keys(POLICY));
const TEST_FILE = /\.test\.[cm]?[jt]sx?$/;
const BUILTINS = new Set(builtinModules.filter((name) => !name.startsWith('_')));

/**
 * The layer a path belongs to, or null outside `src/<layer>`. The layer folder itself counts:
 * `../core` names the core's index.
 * @param {string} file absolute path
 * @param {string} root project root
 * @returns {Layer | null}
 */
export function layerOf(file, root) {
  const relative = path.relative(root, file).split(path.sep);
  if (relative[0] !== 'src' || relative.length < 2) return null;
  const name = /** @type {Layer} */ (relative[1]);
  return LAYER_NAMES.includes(name) ? name : null;
}

/**
 * `@scope/name/sub` → `@scope/name`, `name/sub` → `name`.
 * @param {string} specifier
 */
export function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/**
 * @param {string} name
 * @param {string[]} patterns
 */
function matchesAny(name, patterns) {
  return patterns.some((pattern) =>
    pattern.endsWith('/*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern,
  );
}

/**
 * The policy `file` follows: its layer's, or that of the layer's folder it is in.
 * @param {string} file absolute path
 * @param {string} root project root
 * @param {Layer} layer the layer of `file`
 * @returns {Omit<LayerPolicy, 'folders'>}
 */
function policyFor(file, root, layer) {
  const policy = POLICY[layer];
  const within = path
    .relative(path.join(root, 'src', layer), file)
    .split(path.sep)
    .join('/');
  const folder = Object.entries(policy.folders ?? {}).find(([name]) => within.startsWith(`${name}/`));
  return folder ? { ...policy, ...folder[1] } : policy;
}

/**
 * Why an import from `file` is not allowed, or null when it is.
 * @param {string} file absolute path of the importing file
 * @param {string} specifier the import source as written
 * @param {string} root project root
 * @returns {string | null}
 */
export function violation(file, specifier, root) {
  const from = layerOf(file, root);
  if (!from) return null;
  const policy = policyFor(file, root, from);
  const bare = specifier.split('?')[0] ?? specifier;

  if (bare.startsWith('.') || path.isAbsolute(bare)) {
    const target = layerOf(path.resolve(path.dirname(file), bare), root);
    if (target && !policy.layers.includes(target)) {
      return `src/${from} may not import src/${target}: ${policy.why}.`;
    }
    return null;
  }

  // Tests run under Node with the test runner, whatever layer they check; only their layer imports are judged.
  if (TEST_FILE.test(file)) return null;

  if (bare.startsWith('node:') || BUILTINS.has(packageName(bare))) {
    return policy.nodeBuiltins ? null : `src/${from} may not import the Node built-in "${bare}": ${policy.why}.`;
  }
  const name = packageName(bare);
  if (policy.packagesAllowed && !matchesAny(name, policy.packagesAllowed)) {
    return `src/${from} may not import "${name}" (allowed: ${policy.packagesAllowed.join(', ')}): ${policy.why}.`;
  }
  if (matchesAny(name, policy.packagesDenied)) {
    return `src/${from} may not import "${name}": ${policy.why}.`;
  }
  return null;
}

/** @type {import('eslint').Rule.RuleModule} */
const layersRule = {
  meta: {
    type: 'problem',
    docs: {
      description:
        'Enforce the import boundaries between src/shared, core, main, preload, renderer, webhost, cli and server.',
    },
    schema: [{ type: 'object', properties: { root: { type: 'string' } }, additionalProperties: false }],
    messages: { forbidden: '{{reason}}' },
  },
  create(context) {
    const options = /** @type {{ root?: string } | undefined} */ (context.options[0]);
    const root = options?.root ?? context.cwd;
    const file = context.filename;
    if (!layerOf(file, root)) return {};

    /** @param {import('estree').Node | null | undefined} node */
    function check(node) {
      if (!node || node.type !== 'Literal' || typeof node.value !== 'string') return;
      const reason = violation(file, node.value, root);
      if (reason) context.report({ node, messageId: 'forbidden', data: { reason } });
    }

    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      CallExpression(node) {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') check(node.arguments[0]);
      },
      /** @param {any} node TSImportEqualsDeclaration: `import x = require('y')` */
      TSExternalModuleReference: (node) => check(node.expression),
      /** @param {any} node TSImportType: `typeof import('y')` in a type position */
      TSImportType(node) {
        check(node.argument?.type === 'TSLiteralType' ? node.argument.literal : node.source);
      },
    };
  },
};

export default { meta: { name: 'bientap-layers' }, rules: { layers: layersRule } };
