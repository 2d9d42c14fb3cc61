// Lint: typescript-eslint's type-checked recommended rules over src/, test/ and bench/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'reports/', 'sample-data/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { project: './tsconfig.test.json', tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
  { files: ['bin/*.js', 'bench/*.js', 'eslint.config.js'], languageOptions: { globals: { process: 'readonly' } } },
  // The results page's script runs in the browser, with the Vega runtimes inlined before it.
  {
    files: ['templates/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: { window: 'readonly', document: 'readonly', Blob: 'readonly', URL: 'readonly', CSS: 'readonly', Intl: 'readonly', setTimeout: 'readonly', vega: 'readonly', vegaLite: 'readonly' },
    },
  },
);
