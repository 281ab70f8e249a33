import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import layers from './scripts/lint/layers.mjs';

const root = import.meta.dirname;

const PLATFORM_GLOBALS = [
  ...['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location'],
  ...['process', 'Buffer', 'require', '__dirname', '__filename', 'global', 'setImmediate'],
];

export default defineConfig([
  globalIgnores([
    'node_modules/',
    'out/',
    'dist/',
    '.data/',
    '.electron-native/',
    'test-results/',
    'playwright-report/',
    '.test-output/',
  ]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      eqeqeq: ['error', 'smart'],
      'no-var': 'error',
      'prefer-const': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: [
      'src/core/**',
      'src/cli/**',
      'bin/**',
      'src/main/**',
      'src/coreprocess/**',
      'src/webhost/**',
      'scripts/**',
      'bench/**',
      'test/**',
      'e2e/**',
      '*.{js,mjs,ts}',
    ],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['src/renderer/**', 'bench/editor/pages/**'],
    languageOptions: { globals: globals.browser },
  },
  {
    // The static site's script, served as written to every reader's browser, old ones included.
    files: ['src/core/publish/static/assets/**'],
    languageOptions: { globals: globals.browser, sourceType: 'script' },
    rules: { 'no-var': 'off' },
  },
  {
    files: ['src/preload/**'],
    languageOptions: { globals: { ...globals.browser, process: 'readonly' } },
  },
  {
    files: ['src/**'],
    plugins: { bientap: layers },
    rules: { 'bientap/layers': ['error', { root }] },
  },
  {
    // The import rule cannot see globals; these would tie shared code to one platform.
    files: ['src/shared/**'],
    ignores: ['src/shared/**/*.test.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...PLATFORM_GLOBALS.map((name) => ({
          name,
          message: 'src/shared runs in Node and in the browser: take platform objects as parameters.',
        })),
      ],
    },
  },
]);
