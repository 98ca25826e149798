import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    setupFiles: ['tests/setup.ts'],
    // Builds dist/ first when it is missing or older than the sources (tests/global-setup.ts).
    globalSetup: ['tests/global-setup.ts'],
    // Test files share their worker's modules instead of loading src/ and the libraries afresh
    // each: a third less CPU for the suite. Nothing may leak from one run of main to the next
    // anyway (tests/cli/in-process.test.ts), and no test mocks modules.
    isolate: false,
    // Vitest leaves a core to itself (one worker on two cores), but it is mostly idle, and many
    // tests wait on child processes and terminals: two workers at least.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
