/**
 * S16 on xcalc under Xvfb: no-op detection rate over many cases, false no-ops on real effects, retries.
 *   npx tsx scripts/safety-verify.ts [cases=60] [seed]
 */
import { prng } from '../tests/safety/stop-harness.js';
import { XcalcBench, verifyCases } from '../tests/safety/verify-xcalc.js';
import { stopDisplayOnExit } from '../tests/safety/support.js';
import { startXvfb } from '../tests/support/xvfb.js';

const n = Number(process.argv[2] ?? 60);
const seed = Number(process.argv[3] ?? 1);
const x = await startXvfb(1280, 800);
stopDisplayOnExit(x);
const bench = new XcalcBench();
await bench.start(x);
const t0 = Date.now();
let noops = 0, detected = 0, effects = 0, falseNoops = 0, maxExecutedOnNoop = 0, stoppedAfterRetry = 0;
const misses: string[] = [];
try {
  for (const c of verifyCases(prng(seed), n)) {
    const o = await bench.run(c);
    if (c.noop) {
      noops++;
      if (o.flaggedNoop) detected++;
      else misses.push(c.name);
      maxExecutedOnNoop = Math.max(maxExecutedOnNoop, o.executed);
      if (o.result.status === 'stopped' && /also after one retry/.test(o.result.reason)) stoppedAfterRetry++;
    } else {
      effects++;
      if (o.flaggedNoop) { falseNoops++; misses.push(`false no-op: ${c.name}`); }
    }
  }
  console.log(JSON.stringify({ s16: detected / noops >= 0.95 ? 'ok' : 'BELOW', seed, noops, detected, detectionRate: Number((detected / noops).toFixed(4)), stoppedAfterOneRetry: stoppedAfterRetry, maxExecutionsOnANoop: maxExecutedOnNoop, effects, falseNoops, misses, seconds: Math.round((Date.now() - t0) / 1000) }));
} finally {
  await bench.stop();
}
process.exit(0);
