// @ts-check
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test/fixtures/**', 'samples/**', 'media/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
      curly: ['error', 'multi-line'],
    },
  },
  {
    // The core layer must stay free of the editor API.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'src/core is editor-free; adapt it in src/extension.' }] }],
    },
  },
  {
    // Activation loads only these modules (dist/extension.js); everything else is in the
    // features bundle, loaded on first use. A value import here would put it back on the
    // activation path (BENCHMARKS.md, activation); type imports cost nothing.
    files: ['src/extension/extension.ts', 'src/extension/lazyFeatures.ts', 'src/extension/codeActionKinds.ts', 'src/extension/mlDocuments.ts', 'src/extension/spend/spendIds.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [{
          regex: '^(?!vscode$|\\./(lazyFeatures|codeActionKinds|mlDocuments|spend/spendIds)$)',
          allowTypeImports: true,
          message: 'Activation must stay thin: reach this through the features (features.ts), or import it as a type.',
        }],
      }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', __dirname: 'readonly', require: 'readonly', module: 'writable', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
