// The built CLI in a process of its own with stdin posing as a terminal: keys come in through a
// pipe, so tests can type them and send signals without a real terminal (tests/e2e uses tmux).
import { main } from '../../dist/main.cjs';

const stdin = Object.assign(process.stdin, { isTTY: true, setRawMode: () => stdin });
process.exitCode = await main({
  argv: process.argv.slice(2),
  stdout: process.stdout,
  stderr: process.stderr,
  stdin,
  env: process.env,
  cwd: process.cwd(),
  now: () => new Date(),
});
