#!/usr/bin/env node
// Thin shell: everything lives in dist/main.js (built by `npm run build`, run by `npm install`).
import module from 'node:module';

// Node >= 22.1 can cache compiled code between runs; on older Node this is a no-op.
module.enableCompileCache?.();

const argv = process.argv.slice(2);

// Exit quietly when the reader of a pipe goes away (`maturity score … | head -1`). Any other write
// error (a full disk, a closed descriptor) is the environment's, not a bug: one line and exit 2.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    if (stream === process.stdout) {
      process.stderr.write(`maturity: cannot write to standard output: ${error.message}\n`);
    }
    process.exit(2);
  });
}

if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  // The most common scripted call answers without loading the CLI at all.
  const { readFileSync } = await import('node:fs');
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  process.stdout.write(`${pkg.version}\n`);
} else {
  const { main } = await import('../dist/main.js');
  process.exitCode = await main({
    argv,
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    now: () => new Date(),
  });
}
