// `npm pack` and `npm publish` hooks. prepack: build dist/, then set aside package.json's `prepare`
// (which builds a clone on `npm install`) so the packed manifest has no install script: installing
// the tarball runs nothing of ours and npm has nothing to warn about. postpack: put it back.
// Run with --restore for postpack.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = join(root, 'package.json');
const kept = join(root, '.package.json.prepack');

/** The manifest as packed: the same, without the scripts that would run on a consumer's install. */
export function packedManifest(pkg) {
  const { prepare: _prepare, ...scripts } = pkg.scripts ?? {};
  return { ...pkg, scripts };
}

/** Replaces a file in one step, so that nothing reading it meanwhile sees half of it. */
function replace(path, text) {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--restore')) {
    if (existsSync(kept)) renameSync(kept, manifest);
  } else {
    // A pack that stopped before postpack left the original aside: start from it.
    if (existsSync(kept)) renameSync(kept, manifest);
    const built = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], {
      stdio: 'inherit',
    });
    if (built.status !== 0) process.exit(built.status ?? 1);
    const text = readFileSync(manifest, 'utf8');
    writeFileSync(kept, text);
    replace(manifest, `${JSON.stringify(packedManifest(JSON.parse(text)), null, 2)}\n`);
  }
}
