// Preloaded with `node --import ./bench/rss.mjs …`: reports the process's peak RSS (in KiB) on exit
// to the file named by MATURITY_BENCH_RSS, and its CPU time (user + system, in ms) to the file named
// by MATURITY_BENCH_CPU, so the benchmark measures the real CLI process.
import { writeFileSync } from 'node:fs';

const target = process.env.MATURITY_BENCH_RSS;
if (target) {
  process.on('exit', () => writeFileSync(target, String(process.resourceUsage().maxRSS)));
}
const cpu = process.env.MATURITY_BENCH_CPU;
if (cpu) {
  process.on('exit', () => {
    const { userCPUTime, systemCPUTime } = process.resourceUsage();
    writeFileSync(cpu, String((userCPUTime + systemCPUTime) / 1000));
  });
}
