/**
 * npm run bench: perception time per frame and the engine's step overhead, on screenshots of real X apps under
 * Xvfb. Prints a JSON summary (median of N runs; N >= 5) and the machine. Numbers go to docs/BENCHMARKS.md.
 *   npm run bench [-- --runs 7]
 */
import { cpus, totalmem } from 'node:os';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { NutScreenSource } from '../electron/adapters/capture-nut.js';
import { systemClock } from '../electron/adapters/clock.js';
import { NutInputDriver } from '../electron/adapters/input-nut.js';
import type { RunEvent } from '../electron/common/run-events.js';
import { runAgent } from '../electron/agent/loop/run-agent.js';
import { CommandPlanner } from '../electron/agent/planner/command.js';
import { markImage, sharedPerceiver } from '../electron/shells/compose.js';
import { createPerceiver } from '../electron/agent/perception/perceiver.js';
import { shippedOcrModels } from '../electron/adapters/ocr-models.js';
import { OrtRuntime } from '../electron/adapters/onnx-runtime.js';
import { kill, sleep, startApp, startXvfb, waitForWindow } from '../tests/support/xvfb.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' }, size: { type: 'string' } } });
const runs = Math.max(5, Number(values.runs));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
const r1 = (n: number) => Math.round(n * 10) / 10;

async function desktop(width: number, height: number) {
  const x = await startXvfb(width, height);
  const apps = [
    startApp('xcalc', ['-geometry', '+40+40'], x.env),
    startApp('xedit', ['-geometry', `${Math.round(width * 0.5)}x${Math.round(height * 0.6)}+320+40`, 'README.md'], x.env),
    startApp('xclock', ['-geometry', '160x160+40+480'], x.env),
  ];
  await waitForWindow('Calculator', x.env);
  await sleep(800);
  return { x, apps, stop: async () => { for (const a of apps) await kill(a); await x.stop(); } };
}

async function main() {
  const out: Record<string, unknown> = {
    machine: `${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`,
    runs,
  };
  // libnut opens the X display once per process: each screen size runs in its own child process.
  if (!values.size) {
    // The parent owns each Xvfb desktop, so the child's X connection never sees its server go away.
    for (const [w, h] of [[1280, 800], [1920, 1080]] as const) {
      const d = await desktop(w, h);
      try {
        const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--runs', String(runs), '--size', `${w}x${h}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], env: d.x.env });
        if (r.status !== 0) throw new Error(`the ${w}x${h} run failed`);
        Object.assign(out, JSON.parse(r.stdout));
      } finally {
        await d.stop();
      }
    }
    console.log(JSON.stringify(out, null, 2));
    process.exit(0);
  }
  const [sw, sh] = values.size.split('x').map(Number) as [number, number];
  const perceiver = await sharedPerceiver((l) => console.error(l));
  for (const k of Object.keys(out)) delete out[k];
  for (const [w, h] of [[sw, sh]] as const) {
    {
      const frame = await new NutScreenSource().capture();
      await perceiver.perceive(frame.image); // warm-up: first run pays allocation
      const total: number[] = [];
      const stages: Record<string, number[]> = {};
      let count = 0;
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        const r = await perceiver.perceive(frame.image);
        total.push(performance.now() - t);
        count = r.elements.length;
        for (const [k, v] of Object.entries(r.timings_ms)) (stages[k] ??= []).push(v);
      }
      const cap: number[] = [];
      const source = new NutScreenSource();
      await source.capture();
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        await source.capture();
        cap.push(performance.now() - t);
      }
      const som: number[] = [];
      const els = (await perceiver.perceive(frame.image)).elements;
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        markImage(frame.image, els);
        som.push(performance.now() - t);
      }
      // Cold: a perceiver without the recognition cache (every line recognized), as on a screen never seen before.
      const cold = createPerceiver({ runtime: new OrtRuntime(), ...shippedOcrModels(), recCacheSize: 0 });
      await cold.perceive(frame.image);
      const coldMs: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        await cold.perceive(frame.image);
        coldMs.push(performance.now() - t);
      }
      await cold.release();
      out[`parse_${w}x${h}`] = {
        cold_median_ms: r1(median(coldMs)),
        warm_median_ms_same_frame_cached: r1(median(total)),
        elements: count,
        stages_median_ms: Object.fromEntries(Object.entries(stages).map(([k, v]) => [k, r1(median(v))])),
        capture_median_ms: r1(median(cap)),
        som_draw_median_ms: r1(median(som)),
      };
      if (w === 1280) {
        // Step overhead: one approved click on xcalc through the whole loop (capture, perceive, plan, gate,
        // re-check, execute, settle 250 ms, verify capture).
        const steps: Record<string, number[]> = {};
        for (let i = 0; i < runs; i++) {
          const events: Record<string, unknown>[] = [];
          await runAgent(
            {
              screen: new NutScreenSource(),
              input: new NutInputDriver(),
              perceiver,
              markImage,
              planner: new CommandPlanner('click 7'),
              approvals: { request: async (r) => ({ approvalId: r.id, verdict: 'approve' }) },
              clock: systemClock,
              log: { write: (rec) => events.push(rec), close: async () => undefined },
              emit: (_e: RunEvent) => undefined,
            },
            { goal: 'click 7', signal: new AbortController().signal },
          );
          const t = events.find((e) => e.type === 'timings');
          if (t) for (const [k, v] of Object.entries(t)) if (k.endsWith('_ms')) (steps[k] ??= []).push(v as number);
        }
        out.step_overhead_1280x800 = Object.fromEntries(Object.entries(steps).map(([k, v]) => [k, r1(median(v))]));
      }
    }
  }
  console.log(JSON.stringify(out, null, 2));
  process.exit(0);
}

main().catch((e) => {
  console.error(`bench failed: ${(e as Error).message}`);
  process.exit(1);
});
