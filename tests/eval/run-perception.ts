/**
 * npm run eval:perception [-- --json out.json] [--quick]
 * Parses every evaluation case cold (no recognition cache) with the shipped models on this machine's CPU
 * (or MAGMA_DESK_PROVIDERS), prints per-case and per-set numbers and the median parse time per screen size.
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { OrtRuntime } from '../../electron/adapters/onnx-runtime.js';
import { shippedOcrModels } from '../../electron/adapters/ocr-models.js';
import { createPerceiver } from '../../electron/agent/perception/perceiver.js';
import { DOC_PAGES, FORMS, median, PY_DOC, score, startWeb, totals, webCase, xCases, type CaseScore, type EvalCase } from './perception-eval.js';

const args = process.argv.slice(2);
const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined;
const quick = args.includes('--quick');
if (!PY_DOC) throw new Error('python3-doc is not installed: apt-get install python3-doc (scripts/setup.sh installs it)');

let provider = '';
const perceiver = createPerceiver({
  runtime: new OrtRuntime({ log: (l) => (provider ||= l) }),
  ...shippedOcrModels(),
  recCacheSize: 0,
  detectorModelPath: process.env.MAGMA_DESK_DETECTOR,
  ...(process.env.MAGMA_DESK_DET_MAX_SIDE ? { detMaxSide: Number(process.env.MAGMA_DESK_DET_MAX_SIDE) } : {}),
});
await perceiver.ready();

const sizes: [number, number][] = [[1280, 800], [1920, 1080]];
const pages = [...(quick ? DOC_PAGES.slice(0, 2) : DOC_PAGES).map((p) => `${PY_DOC}/${p}`), ...FORMS];
const scores: CaseScore[] = [];
const web = await startWeb();
try {
  for (const [w, h] of sizes) {
    const cases: EvalCase[] = [];
    for (const p of pages) cases.push(await webCase(web, p, w, h));
    cases.push(...(await xCases(w, h)));
    for (const c of cases) {
      const r = await perceiver.perceive(c.image);
      const s = score(c, r.elements, r.timings_ms.total!);
      scores.push(s);
      console.log(`${s.size} ${s.name.padEnd(34)} gt ${String(s.gt).padStart(3)} pred ${String(s.predicted).padStart(3)} recall ${(s.matched / Math.max(1, s.gt)).toFixed(2)} precision ${(s.matched / Math.max(1, s.predicted)).toFixed(2)} grounding ${s.grounded}/${s.named} ${Math.round(s.ms)} ms`);
    }
  }
} finally {
  await web.close();
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
console.log(`missed by role: ${JSON.stringify(Object.fromEntries(missed))}`);
if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ scores, provider }, null, 1));
