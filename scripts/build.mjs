// Bundles the CLI into dist/ in two steps, then validates the built-in rubrics (merging the overlays
// among them into the rubrics they extend) and stores them as JSON for a fast start:
// 1. esbuild compiles the TypeScript and bundles every dependency (CommonJS ones too) into ES
//    modules, split at each `await import()` so that a command loads only what it needs.
// 2. Rollup re-chunks esbuild's output into CommonJS. esbuild gives every distinct set of importers
//    its own chunk, so `maturity score` loaded 24 small modules, and each module costs about a
//    millisecond to resolve, read and link; Rollup knows that what a dynamic import needs is mostly
//    loaded already and puts the whole start-up path in three files (importing it took 47 ms, then
//    22). CommonJS because Node 20 loads it without its ES module loader: another 13 ms at start-up.
//    Nothing is lost: every dependency is bundled, so no ES module is ever imported at run time.
// `node scripts/build.mjs --schema` also regenerates the shipped JSON Schemas in schema/.
import { build } from 'esbuild';
import { builtinModules, createRequire } from 'node:module';
import { rollup } from 'rollup';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const final = join(root, 'dist');
// Build beside dist/ and swap it in at the end, so a CLI started meanwhile never sees half a build.
const dist = join(root, `.dist-${process.pid}`);
// esbuild's output, before Rollup re-chunks it into dist.
const stage = join(root, `.dist-stage-${process.pid}`);
// The build's own tools (validating rubrics, generating schemas) are bundled apart and never shipped.
const toolsDir = join(root, `.dist-tools-${process.pid}`);

rmSync(dist, { recursive: true, force: true });
// Whatever stops the build (an esbuild error, an invalid rubric), leave no half-built folder behind.
let swapped = false;
process.on('exit', () => {
  rmSync(toolsDir, { recursive: true, force: true });
  rmSync(stage, { recursive: true, force: true });
  if (!swapped) rmSync(dist, { recursive: true, force: true });
});
const common = {
  absWorkingDir: root,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'bundle',
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'warning',
};
// Commander requires `node:child_process` (with `net` and `dgram` behind it: 6 ms) when it loads, for
// subcommands that are separate executables, which this CLI has none of: require it on first use.
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(builder) {
    builder.onLoad({ filter: /[\\/]commander[\\/]lib[\\/]command\.js$/ }, (args) => {
      const eager = "const childProcess = require('node:child_process');";
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes(eager)) throw new Error(`${args.path}: the child_process require moved`);
      const lazy =
        "const childProcess = { spawn: (...a) => require('node:child_process').spawn(...a) };";
      return { contents: source.replace(eager, lazy), loader: 'js' };
    });
  },
};
// 1. The CLI, split so that each command loads only what it needs.
await build({
  ...common,
  // The worker threads of large batches (src/batch/pool.ts) share the CLI's chunks.
  entryPoints: { main: 'src/main.ts', worker: 'src/batch/worker.ts' },
  outdir: stage,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  plugins: [lazyChildProcess],
  // CommonJS dependencies call require(), which the CommonJS output of step 2 has.
});
// 2. Re-chunked, so that the start-up path is a few files (see the top of this file).
const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);
const chunked = await rollup({
  input: { main: join(stage, 'main.js'), worker: join(stage, 'worker.js') },
  external: (id) => builtins.has(id),
  // esbuild has shaken the code already; Rollup only regroups it.
  treeshake: false,
  plugins: [
    {
      name: 'import-meta-in-commonjs',
      resolveImportMeta: (property) =>
        property === 'url' ? "require('node:url').pathToFileURL(__filename).href" : null,
    },
  ],
  onwarn: (warning) => {
    throw new Error(`rollup: ${warning.message}`);
  },
});
await chunked.write({
  dir: dist,
  format: 'cjs',
  entryFileNames: '[name].cjs',
  // A chunk is named after its first module, which esbuild named with a hash of its own.
  chunkFileNames: ({ name }) => `chunks/${name.replace(/-[A-Z0-9]{8}$/, '')}-[hash].cjs`,
});
await chunked.close();
// What this script needs from the sources, built apart so that it does not split the CLI's chunks.
await build({
  ...common,
  // Run here as an ES module, where require() must be made.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  entryPoints: { 'build-tools': 'scripts/build-tools.ts' },
  outdir: toolsDir,
});

const tools = await import(join(toolsDir, 'build-tools.js'));

mkdirSync(join(dist, 'rubrics'), { recursive: true });
let failed = false;
// For each built-in, the rubrics it extends: an overlay is merged here, so none is merged at run time.
const index = {};
for (const name of readdirSync(join(root, 'rubrics'))
  .filter((n) => n.endsWith('.yaml'))
  .sort()) {
  const file = join('rubrics', name);
  const { rubric, problems, bases } = tools.checkRubricText(
    readFileSync(join(root, file), 'utf8'),
    file,
    { path: join(root, file), cwd: root },
  );
  if (!rubric) {
    for (const line of problems.map(tools.formatProblem)) console.error(line);
    failed = true;
    continue;
  }
  if (`${rubric.id}.yaml` !== name) {
    console.error(`${file}: the id "${rubric.id}" must match the file name`);
    failed = true;
    continue;
  }
  writeFileSync(join(dist, 'rubrics', `${rubric.id}.json`), JSON.stringify(rubric));
  index[rubric.id] = bases;
}
writeFileSync(join(dist, 'rubrics', '_bases.json'), JSON.stringify(index));
if (failed) {
  console.error('build: a built-in rubric is invalid');
  process.exit(1);
}

const old = join(root, `.dist-old-${process.pid}`);
if (existsSync(final)) renameSync(final, old);
renameSync(dist, final);
swapped = true;
rmSync(old, { recursive: true, force: true });

// 3. The code cache that bin/bundle-loader.cjs loads the bundle with: the commands whose start-up
// counts run here, in this process, with their output dropped, and what V8 compiled for them is
// kept (so the cache holds the functions that ran, not only each file's top level).
const { bundleLoader } = createRequire(import.meta.url)('../bin/bundle-loader.cjs');
const recorder = bundleLoader(final, { record: true });
const { main } = recorder.load(join(final, 'main.cjs'));
const nowhere = { write: () => true };
for (const argv of [
  ['--help'],
  ['score', 'examples/acme-engagement.yaml'],
  ...['json', 'markdown', 'csv', 'junit', 'html'].map((format) => [
    'score',
    'examples/acme-engagement.yaml',
    '--format',
    format,
  ]),
  ['score', 'examples/team', '--group-by', 'organization'],
  ['progress', 'examples/history'],
  ['template'],
  ['rubric', 'show'],
]) {
  const code = await main({
    argv,
    stdout: nowhere,
    stderr: nowhere,
    stdin: { isTTY: false },
    env: { NO_COLOR: '1' },
    cwd: root,
    now: () => new Date(0),
  });
  if (code > 1) throw new Error(`build: \`maturity ${argv.join(' ')}\` exited ${code}`);
}
recorder.writeCache();

if (process.argv.includes('--schema')) {
  for (const [name, schema] of Object.entries(tools.jsonSchemas())) {
    writeFileSync(join(root, 'schema', name), `${JSON.stringify(schema, null, 2)}\n`);
    console.log(`wrote schema/${name}`);
  }
}
