/**
 * #16: Magma preprocessing of one screenshot in-thread vs on the worker thread (electron/agent/model/
 * preprocess-in-worker.ts), CPU only, median of --runs after one warm-up each. For each path: the wall time of the
 * call and the longest stall of the main thread's event loop during it (a 1 ms interval's largest gap; in-thread
 * that is the whole call). Also the cold first call (thread start-up, under tsx from source), and the worker path
 * with each tensor handed back for the next screenshot (recycle(), what MagmaModel does after the vision stage).
 *
 *   tsx scripts/bench-preprocess.ts [--image tests/fixtures/perception/xedit-1920x1080.png] [--runs 7] [--out f.json]
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { decodeImage } from '../electron/adapters/image-codec.js';
import { PreprocessWorker } from '../electron/agent/model/preprocess-in-worker.js';
import { preprocessImage, type PreprocessConfig } from '../electron/agent/model/preprocess.js';

const CFG: PreprocessConfig = { cropSize: 512, maxCrops: 4 }; // Magma-8B

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Wall time of `work` and the longest gap between ticks of a 1 ms interval while it ran. */
async function timed(work: () => unknown): Promise<{ ms: number; stallMs: number }> {
  let last = performance.now();
  let stall = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    stall = Math.max(stall, now - last);
    last = now;
  }, 1);
  await new Promise((r) => setTimeout(r, 5));
  const t = performance.now();
  last = t;
  stall = 0;
  await work();
  const end = performance.now();
  clearInterval(timer);
  return { ms: end - t, stallMs: Math.max(stall, end - last) };
}

async function main(): Promise<void> {
  const { values: a } = parseArgs({ options: { image: { type: 'string', default: 'tests/fixtures/perception/xedit-1920x1080.png' }, runs: { type: 'string', default: '7' }, out: { type: 'string' } } });
  const img = await decodeImage(a.image!);
  const runs = Number(a.runs);
  const w = new PreprocessWorker();
  const cold = await timed(() => w.run(img, CFG));
  await timed(() => preprocessImage(img, CFG));
  const inThread: Array<{ ms: number; stallMs: number }> = [];
  const onWorker: Array<{ ms: number; stallMs: number }> = [];
  const recycled: Array<{ ms: number; stallMs: number }> = [];
  const w2 = new PreprocessWorker();
  await w2.run(img, CFG);
  for (let i = 0; i < runs; i++) {
    // Alternated, so that load from other processes on the machine falls on all paths alike.
    inThread.push(await timed(() => preprocessImage(img, CFG)));
    onWorker.push(await timed(() => w.run(img, CFG)));
    recycled.push(await timed(async () => w2.recycle((await w2.run(img, CFG)).pixels)));
  }
  await w.close();
  await w2.close();
  const sum = (xs: Array<{ ms: number; stallMs: number }>) => ({ medianMs: median(xs.map((x) => x.ms)), minMs: Math.min(...xs.map((x) => x.ms)), medianStallMs: median(xs.map((x) => x.stallMs)), ms: xs.map((x) => Math.round(x.ms * 10) / 10) });
  const res = { image: [img.width, img.height], crops: CFG, runs, inThread: sum(inThread), worker: sum(onWorker), workerRecycled: sum(recycled), workerColdMs: cold.ms };
  console.log(JSON.stringify(res));
  if (a.out) writeFileSync(a.out, JSON.stringify(res, null, 1));
}

main().catch((e) => {
  console.error(`bench-preprocess: ${(e as Error).stack ?? e}`);
  process.exitCode = 1;
});
