// ESLint for the JavaScript of the page, the library, the CLI, the scripts and the tests
// (npx eslint .; scripts/test.sh runs it). The recommended rules, and the ones that catch real
// mistakes in this code: a loose ==, a shadowed or unused name, a promise nobody awaits in a
// loop, a value compared with itself, a template string without backticks, a throw of a non-Error.
import js from '@eslint/js';
import globals from 'globals';

export default [
  {
    ignores: ['node_modules/', 'dist/', 'build/', 'web/wasm/', 'test-results/', 'tests/fuzz/corpus/'],
  },
  js.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2024,
      sourceType: 'module',
    },
    linterOptions: {
      reportUnusedDisableDirectives: 'error',
    },
    rules: {
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-unused-vars': ['error', { args: 'after-used', argsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-shadow': ['error', { builtinGlobals: false, hoist: 'functions' }],
      'no-use-before-define': ['error', { functions: false, classes: true, variables: false }],
      'no-template-curly-in-string': 'error',
      'no-self-compare': 'error',
      'no-unmodified-loop-condition': 'error',
      'no-unreachable-loop': 'error',
      'no-constant-binary-expression': 'error',
      'no-promise-executor-return': 'error',
      'no-return-assign': 'error',
      'no-throw-literal': 'error',
      'no-implicit-coercion': ['error', { boolean: false, number: true, string: true }],
      'no-new-wrappers': 'error',
      'no-useless-concat': 'error',
      'no-var': 'error',
      'prefer-const': ['error', { destructuring: 'all' }],
      'array-callback-return': 'error',
      'default-case-last': 'error',
      radix: 'error',
      'require-atomic-updates': 'off',
    },
  },
  {
    // The library runs in a page, a worker and Node; the page and its worker in a browser.
    files: ['web/src/**/*.js'],
    languageOptions: { globals: { ...globals.browser, ...globals.worker } },
  },
  {
    files: ['web/src/lib/**/*.js'],
    languageOptions: { globals: { process: 'readonly' } },
  },
  {
    files: ['web/bin/**/*.js', 'scripts/**/*.{js,mjs}', 'tests/**/*.{js,mjs}', 'eslint.config.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Code the tests run inside the page (page.evaluate, worker stand-ins) and the DICOM pages.
    files: ['tests/e2e/**/*.{js,mjs}', 'tests/bench/page.mjs', 'scripts/screenshot.mjs', 'scripts/bench-load.mjs'],
    languageOptions: { globals: { ...globals.browser } },
  },
];
