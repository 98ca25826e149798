import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Import patterns a folder of src/ may not use: each keeps the arrows of the data flow pointing down. */
const NODE = { group: ['node:*'], message: 'The engine and the reporters are pure: no Node APIs.' };
const CLI = { group: ['**/cli/*'], message: 'Only src/main.ts imports cli/.' };
const INQUIRER = { group: ['@inquirer/*'], message: 'Only assess/ imports inquirer.' };
const IO = {
  group: ['**/fs/*', '**/io.js', '**/source/*', '**/batch/*'],
  message: 'The engine and the reporters take data, not files or streams.',
};

function restrict(files, patterns) {
  return {
    files,
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] },
  };
}

export default tseslint.config(
  {
    ignores: ['dist/', 'node_modules/', 'coverage/', '.scratch/', 'bench/.work/', '.dist-*/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        Buffer: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'error',
    },
  },
  {
    files: ['bench/**', 'scripts/**', 'bin/**'],
    rules: { 'no-console': 'off' },
  },
  // Boundaries between the folders of src/ (README: "How the code is organised").
  restrict(['src/engine/**', 'src/report/**'], [NODE, CLI, INQUIRER, IO]),
  restrict(['src/format/**', 'src/problems/**'], [CLI, INQUIRER, IO]),
  restrict(
    ['src/rubric/**', 'src/answers/**', 'src/source/**', 'src/fs/**', 'src/batch/**', 'src/io.ts'],
    [CLI, INQUIRER],
  ),
  restrict(['src/assess/**'], [CLI]),
  restrict(['src/cli/**', 'src/main.ts'], [INQUIRER]),
);
