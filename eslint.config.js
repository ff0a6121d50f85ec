// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

import layering from './eslint-rules/layering.js';

/** Import boundaries (DESIGN §2) are enforced by eslint-rules/layering.js, at error level. */
export default tseslint.config(
  {
    ignores: ['node_modules/**', 'dist/**', 'release/**', 'bench-results/**', 'test-results/**', 'playwright-report/**', '.tmp/**', 'renderer/forbidden/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**/*.ts', 'renderer/**/*.{ts,tsx}', 'electron/**/*.ts', 'gis-data/**/*.ts'],
    plugins: { local: layering },
    rules: { 'local/layering': 'error' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/vite.config.ts'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['electron/**/*.ts', 'gis-data/**/*.ts', 'renderer/vite.config.ts', 'scripts/**', 'tests/**', '*.config.*', 'bin/**', 'eslint-rules/**'],
    languageOptions: { globals: globals.node },
  },
);
