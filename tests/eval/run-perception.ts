/**
 * npm run eval:perception [-- --json out.json] [--quick] [--repeat N] [--save-frames DIR | --frames DIR]
 * Parses every evaluation case cold (no recognition cache) with the shipped models on this machine's CPU
 * (or MAGMA_DESK_PROVIDERS), prints per-case and per-set numbers and the median parse time per screen size.
 *
 * --save-frames DIR writes each rendered case (raw RGBA gzip'd + ground truth JSON); --frames DIR evaluates such
 * saved cases without Chromium or Xvfb (the same pixels every run: A/B comparisons, the GPU machine).
 * --repeat N parses each frame N times and counts the median time (the first parse is scored).
 * Environment: MAGMA_DESK_OCR_DET / MAGMA_DESK_OCR_REC (model files instead of the shipped ones; MAGMA_DESK_OCR_PLAIN=1: the package originals),
 * MAGMA_DESK_REC_LONG_H (input height of long lines; 48 = off), MAGMA_DESK_REC_SCALE (squeeze of long lines),
 * MAGMA_DESK_THREADS (intra-op threads), MAGMA_DESK_PROVIDERS, MAGMA_DESK_DETECTOR, MAGMA_DESK_DET_MAX_SIDE.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { OrtRuntime } from '../../electron/adapters/onnx-runtime.js';
import { shippedOcrModels } from '../../electron/adapters/ocr-models.js';
import { createPerceiver } from '../../electron/agent/perception/perceiver.js';
import { gunzipSync, gzipSync } from 'node:zlib';
import { DOC_PAGES, median, score, totals, type CaseScore, type EvalCase } from './scoring.js';

const args = process.argv.slice(2);
const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined;
const quick = args.includes('--quick');
/** --save-frames DIR: also writes each case (PNG + ground truth JSON); --frames DIR: evaluates saved cases instead of rendering. */
const saveDir = args.includes('--save-frames') ? args[args.indexOf('--save-frames') + 1] : undefined;
const framesDir = args.includes('--frames') ? args[args.indexOf('--frames') + 1] : undefined;
const repeat = args.includes('--repeat') ? Number(args[args.indexOf('--repeat') + 1]) : 1;

let provider = '';
const env = process.env;
const models = shippedOcrModels();
const perceiver = createPerceiver({
  runtime: new OrtRuntime({ log: (l) => (provider = provider ? `${provider}; ${l}` : l) }),
  ...models,
  ...(env.MAGMA_DESK_OCR_DET ? { detModelPath: env.MAGMA_DESK_OCR_DET } : {}),
  ...(env.MAGMA_DESK_OCR_REC ? { recModelPath: env.MAGMA_DESK_OCR_REC } : {}),
  ...(env.MAGMA_DESK_REC_SCALE ? { recWidthScale: Number(env.MAGMA_DESK_REC_SCALE) } : {}),
  ...(env.MAGMA_DESK_REC_H ? { recHeight: Number(env.MAGMA_DESK_REC_H) } : {}),
  ...(env.MAGMA_DESK_REC_LONG_H ? { recLongHeight: Number(env.MAGMA_DESK_REC_LONG_H) } : {}),
  ...(env.MAGMA_DESK_THREADS ? { intraOpThreads: Number(env.MAGMA_DESK_THREADS) } : {}),
  recCacheSize: 0,
  detectorModelPath: env.MAGMA_DESK_DETECTOR,
  ...(env.MAGMA_DESK_DET_MAX_SIDE ? { detMaxSide: Number(env.MAGMA_DESK_DET_MAX_SIDE) } : {}),
});
await perceiver.ready();

const sizes: [number, number][] = [[1280, 800], [1920, 1080]];
const scores: CaseScore[] = [];
/** Stage times summed over all frames (ms), to see where the time goes. */
const stages: Record<string, number> = {};

async function loadCases(w: number, h: number): Promise<EvalCase[]> {
  const size = `${w}x${h}`;
  if (framesDir) {
    const out: EvalCase[] = [];
    for (const f of readdirSync(framesDir).filter((n) => n.startsWith(`${size}-`) && n.endsWith('.json')).sort()) {
      const meta = JSON.parse(readFileSync(`${framesDir}/${f}`, 'utf8')) as Omit<EvalCase, 'image'>;
      if (quick && meta.set === 'web' && meta.name.startsWith('pydoc:') && !DOC_PAGES.slice(0, 2).some((p) => meta.name.endsWith(p))) continue;
      // Saved as raw RGBA, gzip'd (readable without an image library, e.g. on the GPU machine).
      const data = new Uint8Array(gunzipSync(readFileSync(`${framesDir}/${f.replace(/\.json$/, '.rgba.gz')}`)));
      out.push({ ...meta, image: { width: w, height: h, data } });
    }
    if (!out.length) throw new Error(`no saved frames for ${size} in ${framesDir}`);
    return out;
  }
  // Rendering needs Chromium, Xvfb and python3-doc: loaded only here.
  const { FORMS, PY_DOC, startWeb, webCase, xCases } = await import('./perception-eval.js');
  if (!PY_DOC) throw new Error('python3-doc is not installed: apt-get install python3-doc (scripts/setup.sh installs it)');
  const pages = [...(quick ? DOC_PAGES.slice(0, 2) : DOC_PAGES).map((p) => `${PY_DOC}/${p}`), ...FORMS];
  const web = await startWeb();
  const cases: EvalCase[] = [];
  try {
    for (const p of pages) cases.push(await webCase(web, p, w, h));
  } finally {
    await web.close();
  }
  cases.push(...(await xCases(w, h)));
  if (saveDir) {
    mkdirSync(saveDir, { recursive: true });
    cases.forEach((c, i) => {
      const base = `${saveDir}/${size}-${String(i).padStart(2, '0')}`;
      writeFileSync(`${base}.json`, JSON.stringify({ name: c.name, set: c.set, gt: c.gt }));
    });
    for (const [i, c] of cases.entries()) writeFileSync(`${saveDir}/${size}-${String(i).padStart(2, '0')}.rgba.gz`, gzipSync(c.image.data, { level: 6 }));
  }
  return cases;
}

try {
  for (const [w, h] of sizes) {
    for (const c of await loadCases(w, h)) {
      // --repeat N: the frame is parsed N times; the median time counts, the first parse is scored.
      const runs: Awaited<ReturnType<typeof perceiver.perceive>>[] = [];
      for (let k = 0; k < Math.max(1, repeat); k++) runs.push(await perceiver.perceive(c.image));
      const r = runs[0]!;
      for (const [k, v] of Object.entries(r.timings_ms)) stages[k] = (stages[k] ?? 0) + v;
      const s = score(c, r.elements, median(runs.map((x) => x.timings_ms.total!)));
      scores.push(s);
      console.log(`${s.size} ${s.name.padEnd(34)} gt ${String(s.gt).padStart(3)} pred ${String(s.predicted).padStart(3)} recall ${(s.matched / Math.max(1, s.gt)).toFixed(2)} precision ${(s.matched / Math.max(1, s.predicted)).toFixed(2)} grounding ${s.grounded}/${s.named} ${Math.round(s.ms)} ms`);
    }
  }
} finally {
  await perceiver.release();
}

const lines: string[] = [];
for (const [w, h] of sizes) {
  const size = `${w}x${h}`;
  for (const set of ['web', 'x'] as const) {
    const t = totals(scores.filter((s) => s.size === size && s.set === set));
    lines.push(`${size} ${set.padEnd(3)}: recall ${t.recall.toFixed(3)} (${t.gt} gt)  precision ${t.precision.toFixed(3)} (${t.predicted} predicted)  grounding ${t.grounding.toFixed(3)} (${t.named} named)`);
  }
  lines.push(`${size} median parse ${Math.round(median(scores.filter((s) => s.size === size).map((s) => s.ms)))} ms over ${scores.filter((s) => s.size === size).length} frames`);
}
console.log(`\n${provider}\n${cpus().length} x ${cpus()[0]?.model}\n${lines.join('\n')}`);
const missed = new Map<string, number>();
for (const s of scores) for (const m of s.missed) missed.set(m.role, (missed.get(m.role) ?? 0) + 1);
console.log(`stage totals (ms, first parse of each frame): ${Object.entries(stages).map(([k, v]) => `${k} ${Math.round(v)}`).join(', ')}`);
console.log(`missed by role: ${JSON.stringify(Object.fromEntries(missed))}`);
if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ scores, provider }, null, 1));
