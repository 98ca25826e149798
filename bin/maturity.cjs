#!/usr/bin/env node
'use strict';
// Thin shell: everything lives in dist/main.cjs (built by `npm run build`, run by `npm install`).
// CommonJS, as dist/ is: Node then starts without its ES module loader (see scripts/build.mjs).

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
  process.stdout.write(`${require('../package.json').version}\n`);
} else {
  const { existsSync } = require('node:fs');
  const { join } = require('node:path');
  const dist = join(__dirname, '..', 'dist');
  if (!existsSync(join(dist, 'main.cjs'))) {
    // A checkout that was never built (npm install builds it), not a bug of the CLI.
    process.stderr.write(
      `maturity: ${dist} is missing; run \`npm install\` or \`npm run build\`\n`,
    );
    process.exit(2);
  }
  require('./bundle-loader.cjs')
    .bundleLoader(dist)
    .load(join(dist, 'main.cjs'))
    .main({
      argv,
      stdout: process.stdout,
      stderr: process.stderr,
      // Only a command that reads standard input opens it (a stream of its own for a file or a pipe).
      get stdin() {
        return process.stdin;
      },
      env: process.env,
      cwd: process.cwd(),
      now: () => new Date(),
    })
    .then((code) => {
      process.exitCode = code;
    });
}
