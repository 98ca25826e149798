// Preloaded with `node --import ./bench/rss.mjs …`: reports the process's peak RSS (in KiB) on exit
// to the file named by MATURITY_BENCH_RSS, so the benchmark measures the real CLI process.
import { writeFileSync } from 'node:fs';

const target = process.env.MATURITY_BENCH_RSS;
if (target) {
  process.on('exit', () => writeFileSync(target, String(process.resourceUsage().maxRSS)));
}
