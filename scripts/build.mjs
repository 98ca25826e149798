// Bundles the CLI with esbuild (one entry, split chunks per command so each loads only what it
// needs) into dist/, then validates the built-in rubrics (merging the overlays among them into the
// rubrics they extend) and stores them as JSON for a fast start.
// `node scripts/build.mjs --schema` also regenerates the shipped JSON Schemas in schema/.
import { build } from 'esbuild';
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
// The build's own tools (validating rubrics, generating schemas) are bundled apart and never shipped.
const toolsDir = join(root, `.dist-tools-${process.pid}`);

rmSync(dist, { recursive: true, force: true });
// Whatever stops the build (an esbuild error, an invalid rubric), leave no half-built folder behind.
let swapped = false;
process.on('exit', () => {
  rmSync(toolsDir, { recursive: true, force: true });
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
  // Some CommonJS dependencies call require(); give the ESM bundle one.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: 'warning',
};
// The CLI, split so that each command loads only what it needs.
await build({
  ...common,
  // The worker threads of large batches (src/batch/pool.ts) share the CLI's chunks.
  entryPoints: { main: 'src/main.ts', worker: 'src/batch/worker.ts' },
  outdir: dist,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
});
// What this script needs from the sources, built apart so that it does not split the CLI's chunks.
await build({
  ...common,
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

if (process.argv.includes('--schema')) {
  for (const [name, schema] of Object.entries(tools.jsonSchemas())) {
    writeFileSync(join(root, 'schema', name), `${JSON.stringify(schema, null, 2)}\n`);
    console.log(`wrote schema/${name}`);
  }
}
