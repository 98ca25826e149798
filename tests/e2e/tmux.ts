import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';

/** Whether tmux can be run here (CI installs it; see .ci/run). */
export const hasTmux = spawnSync('tmux', ['-V'], { encoding: 'utf8' }).status === 0;

let sessions = 0;

/** A word the POSIX shell reads back as itself. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A real terminal: a detached tmux session on its own server socket (so parallel runs never meet),
 * running one shell command. Keys go in with send-keys, the screen comes out with capture-pane.
 */
export class Terminal {
  private readonly socket = `maturity-e2e-${process.pid}-${++sessions}`;
  private readonly socketPath: string;

  constructor(command: string, options: { width?: number; height?: number } = {}) {
    this.tmux(
      'new-session',
      '-d',
      '-x',
      String(options.width ?? 120),
      '-y',
      String(options.height ?? 40),
      '-s',
      'main',
      command,
    );
    this.socketPath = this.tmux('display-message', '-p', '#{socket_path}').trim();
  }

  /** Sends keys as tmux names them (`Enter`, `C-c`, `Up`) or as literal text with `{ text }`. */
  send(...keys: (string | { text: string })[]): void {
    for (const key of keys) {
      if (typeof key === 'string') this.tmux('send-keys', '-t', 'main', key);
      else this.tmux('send-keys', '-t', 'main', '-l', key.text);
    }
  }

  /** The visible screen, or with `history` everything since the start (wrapped lines joined). */
  screen(options: { history?: boolean } = {}): string {
    const args = ['capture-pane', '-p', '-J', '-t', 'main'];
    if (options.history) args.push('-S', '-');
    return this.tmux(...args);
  }

  /** Polls the screen until `expected` shows, or fails after `timeout` ms with the screen. */
  async waitFor(
    expected: string | RegExp,
    options: { timeout?: number; history?: boolean } = {},
  ): Promise<string> {
    const deadline = Date.now() + (options.timeout ?? 10_000);
    for (;;) {
      const screen = this.screen(options);
      if (typeof expected === 'string' ? screen.includes(expected) : expected.test(screen)) {
        return screen;
      }
      if (Date.now() > deadline) {
        throw new Error(
          `timed out waiting for ${String(expected)} in the terminal; it shows:\n${screen}`,
        );
      }
      await sleep(40);
    }
  }

  /**
   * Resizes the terminal, as a user dragging its window would, and waits until the program's
   * terminal has the new size (tmux applies it a moment later; then the program gets SIGWINCH).
   */
  async resize(width: number, height: number): Promise<void> {
    this.tmux('resize-window', '-t', 'main', '-x', String(width), '-y', String(height));
    const tty = this.tmux('display-message', '-p', '-t', 'main', '#{pane_tty}').trim();
    const deadline = Date.now() + 10_000;
    for (;;) {
      const size = spawnSync('stty', ['-F', tty, 'size'], { encoding: 'utf8' }).stdout.trim();
      if (size === `${height} ${width}`) return;
      if (Date.now() > deadline) throw new Error(`the terminal is ${size}, not ${height} ${width}`);
      await sleep(20);
    }
  }

  /** Process id of the pane's command (with `exec`, the program itself). */
  panePid(): number {
    return Number(this.tmux('list-panes', '-t', 'main', '-F', '#{pane_pid}').trim());
  }

  /** Ends the session and its server, and removes the server's socket file. */
  close(): void {
    spawnSync('tmux', ['-L', this.socket, 'kill-server'], { encoding: 'utf8' });
    rmSync(this.socketPath, { force: true });
  }

  private tmux(...args: string[]): string {
    const result = spawnSync('tmux', ['-L', this.socket, '-f', '/dev/null', ...args], {
      encoding: 'utf8',
      timeout: 10_000,
      // Inside a tmux session, TMUX would make tmux refuse to nest; ours is a separate server.
      env: { ...process.env, TMUX: undefined },
    });
    if (result.status !== 0) {
      throw new Error(`tmux ${args[0]} failed: ${result.stderr || result.error?.message}`);
    }
    return result.stdout;
  }
}
