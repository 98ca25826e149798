import js from '@eslint/js';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

/**
 * Imports a folder of src/ may not use: each keeps the arrows of the data flow pointing down.
 * `group` is for the static imports (gitignore-style patterns), `names` lists exact module names,
 * and `dynamic` is the same rule as a regular expression for `await import('…')`, which
 * no-restricted-imports does not look at (esquery takes no `/` in it, hence \x2F).
 */
const NODE = {
  group: ['node:*'],
  names: builtinModules,
  dynamic: `^(node:|(${builtinModules.map((name) => name.replace('/', '\\x2F')).join('|')})$)`,
  message: 'The engine and the reporters are pure: no Node APIs.',
};
const CLI = {
  group: ['**/cli/*'],
  dynamic: '(^|\\x2F)cli\\x2F',
  message: 'Only src/main.ts imports cli/.',
};
const INQUIRER = {
  group: ['@inquirer/*'],
  dynamic: '^@inquirer\\x2F',
  message: 'Only assess/ imports inquirer.',
};
const IO = {
  group: ['**/fs/*', '**/io.js', '**/source/*', '**/batch/*'],
  dynamic: '\\x2F(fs|source|batch)\\x2F|(^|\\x2F)io\\.js$',
  message: 'The engine and the reporters take data, not files or streams.',
};

function restrict(files, rules) {
  const patterns = rules.map(({ group, message }) => ({ group, message }));
  const paths = rules.flatMap(({ names = [], message }) =>
    names.map((name) => ({ name, message })),
  );
  const dynamic = rules.map(({ dynamic, message }) => ({
    selector: `ImportExpression[source.value=/${dynamic}/]`,
    message,
  }));
  return {
    files,
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths, patterns }],
      'no-restricted-syntax': ['error', ...dynamic],
    },
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
  {
    // The bin is CommonJS, as the bundle it loads (scripts/build.mjs says why).
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
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
