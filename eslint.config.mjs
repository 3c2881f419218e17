import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The layers (docs/architecture.md): the client and the server are separate processes that share
// only common/; common/ depends on neither. test/unit/layers.test.ts proves these rules fire.
const layer = (message, ...regexes) => ({
  'no-restricted-imports': ['error', { patterns: regexes.map((regex) => ({ regex, message })) }],
});
const SERVER = '(^|/)server/src(/|$)';
const CLIENT = '(^|/)client/src(/|$)';

export default tseslint.config(
  {
    ignores: ['out/**', 'dist/**', 'node_modules/**', '.vscode-test/**', 'test/fixtures/**', 'examples/**', 'grammars/**', 'test-results/**', 'bench-work/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    files: ['client/src/**/*.ts'],
    rules: layer('client/src may import only common/src (and node or vscode packages): the server runs in another process.', SERVER),
  },
  {
    files: ['server/src/**/*.ts'],
    rules: layer('server/src may import only common/src from the client side: client/src is the VS Code extension.', CLIENT),
  },
  {
    files: ['common/src/**/*.ts'],
    rules: layer(
      'common/src is shared by client and server: it imports neither, nor an editor- or server-only package.',
      SERVER,
      CLIENT,
      '^vscode$',
      '^vscode-languageclient(/|$)',
      '^vscode-languageserver(/|$)',
    ),
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly', console: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
