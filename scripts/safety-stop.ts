/**
 * S4: stop-to-last-event latency over many random stops on Xvfb (tests/safety/stop-harness.ts).
 *   npx tsx scripts/safety-stop.ts [trials=1000] [seed]
 */
import { StopBench, prng, type StopTrial } from '../tests/safety/stop-harness.js';
import { stopDisplayOnExit } from '../tests/safety/support.js';
import { startXvfb } from '../tests/support/xvfb.js';

const n = Number(process.argv[2] ?? 1000);
const seed = Number(process.argv[3] ?? 1);
const rand = prng(seed);
const x = await startXvfb(1280, 800);
stopDisplayOnExit(x);
const bench = new StopBench();
await bench.start(x);
const trials: StopTrial[] = [];
const t0 = Date.now();
try {
  for (let i = 0; i < n; i++) trials.push(await bench.trial(rand));
  const corner = await bench.cornerTrial();
  const lat = trials.map((t) => t.latencyMs).sort((a, b) => a - b);
  const q = (p: number) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))]!;
  const byScenario: Record<string, number[]> = {};
  for (const t of trials) (byScenario[t.scenario] ??= []).push(t.latencyMs);
  console.log(JSON.stringify({
    s4: 'measured', trials: n, seed, clockOffsetMs: bench.clockOffsetMs,
    latencyMs: { p50: q(0.5), p95: q(0.95), p99: q(0.99), max: lat.at(-1) },
    p99ByScenario: Object.fromEntries(Object.entries(byScenario).map(([k, v]) => [k, v.sort((a, b) => a - b)[Math.floor(0.99 * (v.length - 1))]])),
    maxPressesAfterStop: Math.max(...trials.map((t) => t.pressesAfterStop)),
    trialsWithMoreThanOnePressAfterStop: trials.filter((t) => t.pressesAfterStop > 1).length,
    trialsWithMoreThanOnePressAfterStopNoGuardBand: trials.filter((t) => t.pressesAfterStopRaw > 1).length,
    pressesAfterStopByScenario: trials.reduce<Record<string, number>>((m, t) => ((m[t.scenario] = Math.max(m[t.scenario] ?? 0, t.pressesAfterStopRaw)), m), {}),
    trialsWithStuckKeysOrButtons: trials.filter((t) => t.stuckKeys !== 0 || t.stuckButtons !== 0 || t.unbalanced !== 0).length,
    stateQueried: trials.every((t) => t.stuckKeys >= 0),
    statuses: trials.reduce<Record<string, number>>((m, t) => ((m[t.status] = (m[t.status] ?? 0) + 1), m), {}),
    cornerFailSafe: corner,
    seconds: Math.round((Date.now() - t0) / 1000),
  }));
} finally {
  await bench.stop();
}
process.exit(0);
