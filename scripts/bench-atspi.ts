/**
 * The cost of one accessibility tree read (issue #15; docs/BENCHMARKS.md "Accessibility tree read (#15)").
 * Under Xvfb with a private session bus and AT-SPI bus (tests/support/atspi-session.ts), for gtk3-widget-factory's
 * first page (GTK 3) and a python-doc page in Chromium (started while a source is open, so it publishes its tree):
 *   cold = a full read (a source with reuse off: Cache.GetItems or the walk, every node's details);
 *   warm = a read that reuses the window's nodes (extents and field text only, the default).
 * Median of 5 each, after one discarded read; the read's D-Bus calls are counted too.
 *   npm run bench:atspi [-- --runs 5]
 */
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAtspiSource, type AtspiSource } from '../electron/adapters/atspi/source.js';
import { startAtspiSession } from '../tests/support/atspi-session.js';
import { kill, sleep, startApp, startXvfb, waitForWindow } from '../tests/support/xvfb.js';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
const PAGE = 'file:///usr/share/doc/python3-doc/html/library/json.html';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function measure(source: AtspiSource, runs: number): Promise<{ ms: number; calls: number; nodes: number; via: string; cpu: number }> {
  await source.read(); // discarded: the first read of a source also learns the applications
  const ms: number[] = [];
  const calls: number[] = [];
  const cpu: number[] = [];
  let nodes = 0;
  for (let i = 0; i < runs; i++) {
    const c0 = source.calls;
    const u0 = process.cpuUsage();
    const r = await source.read();
    const u = process.cpuUsage(u0);
    cpu.push(Math.round((u.user + u.system) / 100) / 10);
    if (r.note) throw new Error(`the read was not complete: ${r.note}`);
    ms.push(r.ms);
    calls.push(source.calls - c0);
    nodes = r.nodes.length;
    await sleep(200);
  }
  return { ms: median(ms), calls: median(calls), nodes, via: source.lastVia ?? '', cpu: median(cpu) };
}

const x = await startXvfb(1600, 1000);
const session = await startAtspiSession(x.env);
const ud = () => mkdtempSync(join(tmpdir(), 'bench-atspi-'));
const rows: string[] = [];
try {
  // The source that sets IsEnabled comes first, so Chromium (started next) publishes its tree.
  const holder = await createAtspiSource({ env: session.env, userDataDir: ud(), timeoutMs: 20_000 });
  for (const target of ['gtk3-widget-factory', 'chromium'] as const) {
    const app = target === 'chromium'
      ? startApp('chromium', ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--window-position=0,0', '--window-size=1280,900', `--user-data-dir=${ud()}`, PAGE], session.env)
      : startApp('gtk3-widget-factory', [], session.env);
    try {
      await waitForWindow(target === 'chromium' ? 'json' : '^gtk3-widget-factory$', session.env, 30_000);
      // Until the tree is built (Chromium builds it a moment after it is first asked).
      for (let i = 0; i < 40; i++) {
        const r = await holder.read();
        if (r.nodes.length > (target === 'chromium' ? 100 : 50)) break;
        await sleep(250);
      }
      await sleep(1500);
      const cold = await createAtspiSource({ env: session.env, userDataDir: ud(), timeoutMs: 20_000, reuseMs: 0 });
      const c = await measure(cold, RUNS);
      await cold.close();
      const warm = await createAtspiSource({ env: session.env, userDataDir: ud(), timeoutMs: 20_000, reuseMs: 60_000 });
      const w = await measure(warm, RUNS);
      await warm.close();
      const name = target === 'chromium' ? 'Chromium, python-doc json.html' : "gtk3-widget-factory, first page";
      rows.push(`| ${name} | ${c.nodes} | ${c.ms} ms (${c.calls} calls, ${c.via}; reader CPU ${c.cpu} ms) | ${w.ms} ms (${w.calls} calls, ${w.via}; reader CPU ${w.cpu} ms) |`);
    } finally {
      await kill(app);
    }
  }
  await holder.close();
} finally {
  await session.stop();
  await x.stop();
}
console.log(`median of ${RUNS}; load average at the end ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log('| window | nodes | cold (full read) | warm (reuse) |');
console.log('| --- | --- | --- | --- |');
for (const r of rows) console.log(r);
