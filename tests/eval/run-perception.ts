/**
 * npm run eval:perception [-- --json out.json] [--quick] [--repeat N] [--save-frames DIR | --frames DIR]
 * Parses every evaluation case cold (no recognition cache) with the shipped models on this machine's CPU
 * (or MAGMA_DESK_PROVIDERS), prints per-case and per-set numbers and the median parse time per screen size.
 *
 * Sets (scoring.ts EVAL_SETS): web and docs-frozen (python-doc pages, forms) and x (three X apps) at 1280x800
 * and 1920x1080; xcalc alone at three window sizes; gtk (frozen GNOME Calculator frames, read from the fixtures).
 * For xcalc and gtk it also lists the keys not grounded and the share of legible marks (the issue's rule,
 * common/people-marks.ts checkMarks) for MAGMA's drawing and the people's.
 *
 * --save-frames DIR writes each rendered case (raw RGBA gzip'd + ground truth JSON); --frames DIR evaluates such
 * saved cases without Chromium or Xvfb (the same pixels every run: A/B comparisons, the GPU machine).
 * --repeat N parses each frame N times and counts the median time (the first parse is scored).
 * --quick: two pages of each documentation set (the forms, the X screen, xcalc and gtk stay whole).
 * --sets web,docs-frozen,x,xcalc,gtk: only these sets. Two more, never run unless named (issue #15, a11y-eval.ts):
 *   gtk-live (committed GTK screenshots + their saved AT-SPI reads) and web-tree (Chromium with its tree, live).
 * --mode vision|tree|fused (default vision): the screen parser alone, the accessibility tree alone, or both fused.
 *   On the sets without a tree (web, docs-frozen, x, xcalc, gtk) fused gets an empty tree and must equal vision;
 *   tree finds nothing there.
 * Environment: MAGMA_DESK_OCR_DET / MAGMA_DESK_OCR_REC (model files instead of the shipped ones; MAGMA_DESK_OCR_PLAIN=1: the package originals),
 * MAGMA_DESK_REC_LONG_H (input height of long lines; 48 = off), MAGMA_DESK_REC_SCALE (squeeze of long lines),
 * MAGMA_DESK_THREADS (intra-op threads), MAGMA_DESK_PROVIDERS, MAGMA_DESK_DETECTOR, MAGMA_DESK_DET_MAX_SIDE.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { gunzipSync, gzipSync } from 'node:zlib';
import { OrtRuntime } from '../../electron/adapters/onnx-runtime.js';
import { shippedOcrModels } from '../../electron/adapters/ocr-models.js';
import { createPerceiver } from '../../electron/agent/perception/perceiver.js';
import { inkBox } from '../../electron/agent/perception/ink-box.js';
import { layoutMarks } from '../../electron/common/marks.js';
import type { Element } from '../../electron/common/elements.js';
import { checkMarks, layoutPeopleMarks, type RuleReport } from '../../electron/common/people-marks.js';
import { A11Y_MODES, A11Y_SETS, perceiveIn, scoreTreeCase, type A11yMode, type A11ySet, type TreeCase, type TreeCaseScore } from './a11y-eval.js';
import { gtkLiveCases } from './a11y-frames.js';
import { gtkCases } from './gtk-frames.js';
import { DOC_PAGES, DOCS_FROZEN, EVAL_SETS, median, score, totals, type CaseScore, type EvalCase, type EvalSet } from './scoring.js';

const args = process.argv.slice(2);
const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined;
const quick = args.includes('--quick');
/** --save-frames DIR: also writes each case (PNG + ground truth JSON); --frames DIR: evaluates saved cases instead of rendering. */
const saveDir = args.includes('--save-frames') ? args[args.indexOf('--save-frames') + 1] : undefined;
const framesDir = args.includes('--frames') ? args[args.indexOf('--frames') + 1] : undefined;
const repeat = args.includes('--repeat') ? Number(args[args.indexOf('--repeat') + 1]) : 1;
/** --sets a,b: only these sets (scoring.ts EVAL_SETS), e.g. `--frames DIR --sets xcalc,gtk` for a quick A/B. */
const onlySets = args.includes('--sets') ? (args[args.indexOf('--sets') + 1] ?? '').split(',') : [...EVAL_SETS];
const bad = onlySets.filter((s) => !(EVAL_SETS as readonly string[]).includes(s) && !(A11Y_SETS as readonly string[]).includes(s));
if (bad.length) throw new Error(`unknown set ${bad.join(', ')}: the sets are ${[...EVAL_SETS, ...A11Y_SETS].join(', ')}`);
const wanted = (set: EvalSet | A11ySet) => onlySets.includes(set);
/** --mode: where the elements come from (a11y-eval.ts). */
const mode = (args.includes('--mode') ? args[args.indexOf('--mode') + 1] : 'vision') as A11yMode;
if (!A11Y_MODES.includes(mode)) throw new Error(`unknown mode ${mode}: the modes are ${A11Y_MODES.join(', ')}`);

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
if (mode !== 'vision') console.log(`mode ${mode}: elements from ${mode === 'tree' ? 'the accessibility tree alone' : 'the screen parser fused with the accessibility tree'}`);

const sizes: [number, number][] = [[1280, 800], [1920, 1080]];
const docPages = quick ? DOC_PAGES.slice(0, 2) : DOC_PAGES;
const frozenPages: readonly string[] = quick ? DOCS_FROZEN.slice(0, 2) : DOCS_FROZEN;
const scores: CaseScore[] = [];
/** Mark legibility of the xcalc and gtk frames, by case name: MAGMA's drawing (the model's image) and the people's. */
const legibility: Record<string, { magma: RuleReport; people: RuleReport }> = {};
/** Stage times summed over all frames (ms), to see where the time goes. */
const stages: Record<string, number> = {};

/** Saved cases (--save-frames): `<prefix>-NN.json` (name, set, size, gt, width, height) + `.rgba.gz`. */
function saveCases(prefix: string, cases: readonly EvalCase[]): void {
  if (!saveDir) return;
  mkdirSync(saveDir, { recursive: true });
  for (const [i, c] of cases.entries()) {
    const base = `${saveDir}/${prefix}-${String(i).padStart(2, '0')}`;
    writeFileSync(`${base}.json`, JSON.stringify({ name: c.name, set: c.set, size: c.size, gt: c.gt, width: c.image.width, height: c.image.height }));
    writeFileSync(`${base}.rgba.gz`, gzipSync(c.image.data, { level: 6 }));
  }
}
function loadSaved(prefix: string, w?: number, h?: number): EvalCase[] {
  const out: EvalCase[] = [];
  for (const f of readdirSync(framesDir!).filter((n) => n.startsWith(`${prefix}-`) && n.endsWith('.json')).sort()) {
    const meta = JSON.parse(readFileSync(`${framesDir}/${f}`, 'utf8')) as Omit<EvalCase, 'image'> & { width?: number; height?: number };
    const page = meta.name.replace(/^pydoc:/, '');
    if (meta.set === 'web' && meta.name.startsWith('pydoc:') && !docPages.includes(page)) continue;
    if (meta.set === 'docs-frozen' && !frozenPages.includes(page)) continue;
    // Saved as raw RGBA, gzip'd (readable without an image library, e.g. on the GPU machine).
    const data = new Uint8Array(gunzipSync(readFileSync(`${framesDir}/${f.replace(/\.json$/, '.rgba.gz')}`)));
    out.push({ name: meta.name, set: meta.set, ...(meta.size ? { size: meta.size } : {}), gt: meta.gt, image: { width: meta.width ?? w!, height: meta.height ?? h!, data } });
  }
  return out;
}

/** The cases drawn on a whole screen of w x h: web, docs-frozen and the X apps. */
async function screenCases(w: number, h: number): Promise<EvalCase[]> {
  const size = `${w}x${h}`;
  if (framesDir) {
    const saved = loadSaved(size, w, h);
    if (!saved.length) throw new Error(`no saved frames for ${size} in ${framesDir}`);
    return saved;
  }
  // Rendering needs Chromium, Xvfb and python3-doc: loaded only here.
  const { FORMS, PY_DOC, startWeb, webCase, xCases } = await import('./perception-eval.js');
  if (!PY_DOC) throw new Error('python3-doc is not installed: apt-get install python3-doc (scripts/setup.sh installs it)');
  const missing = frozenPages.filter((p) => !existsSync(`${PY_DOC}/${p}`));
  // A frozen page is never swapped for another (scoring.ts): its absence is an error to report.
  if (missing.length) throw new Error(`frozen documentation pages missing from ${PY_DOC}: ${missing.join(', ')}`);
  const web = await startWeb();
  const cases: EvalCase[] = [];
  try {
    for (const p of [...docPages.map((d) => `${PY_DOC}/${d}`), ...FORMS]) cases.push(await webCase(web, p, w, h));
    for (const p of frozenPages) cases.push({ ...(await webCase(web, `${PY_DOC}/${p}`, w, h)), set: 'docs-frozen' });
  } finally {
    await web.close();
  }
  cases.push(...(await xCases(w, h)));
  saveCases(size, cases);
  return cases;
}

/** Application windows at their own sizes: xcalc (rendered, or saved as `apps-NN`) and the frozen gtk frames. */
async function appCases(): Promise<EvalCase[]> {
  let xcalc: EvalCase[];
  if (framesDir) {
    xcalc = loadSaved('apps');
    if (!xcalc.length) console.log(`(no saved xcalc frames in ${framesDir}: the xcalc set is left out of this run)`);
  } else {
    const { xcalcCases } = await import('./perception-eval.js');
    xcalc = await xcalcCases();
    saveCases('apps', xcalc);
  }
  return [...xcalc, ...(await gtkCases())];
}

const pct = (a: number, b: number) => (a / Math.max(1, b)).toFixed(2);
async function evaluate(cases: readonly EvalCase[]): Promise<void> {
  for (const c of cases.filter((x) => wanted(x.set))) {
    // --repeat N: the frame is parsed N times; the median time counts, the first parse is scored.
    const runs: Awaited<ReturnType<typeof perceiver.perceive>>[] = [];
    for (let k = 0; k < Math.max(1, repeat); k++) {
      // These sets have no accessibility tree: fused gets an empty read (the tree stage must change nothing), tree none.
      if (mode === 'vision') runs.push(await perceiver.perceive(c.image));
      else runs.push(await perceiver.perceive(c.image, undefined, { tree: [], ...(mode === 'tree' ? { vision: false } : {}) }));
    }
    const r = runs[0]!;
    for (const [k, v] of Object.entries(r.timings_ms)) stages[k] = (stages[k] ?? 0) + v;
    const s = score(c, r.elements, median(runs.map((x) => x.timings_ms.total!)));
    scores.push(s);
    let extra = '';
    if (c.set === 'xcalc' || c.set === 'gtk') {
      const l = legible(c, r.elements);
      legibility[c.name] = l;
      extra = `  marks legible: MAGMA's drawing ${l.magma.met}/${l.magma.total}, people's ${l.people.met}/${l.people.total}`;
    }
    console.log(`${s.size.padEnd(9)} ${s.set.padEnd(11)} ${s.name.padEnd(38)} gt ${String(s.gt).padStart(3)} pred ${String(s.predicted).padStart(3)} recall ${pct(s.matched, s.gt)} precision ${pct(s.matched, s.predicted)} grounding ${s.grounded}/${s.named} ${Math.round(s.ms)} ms${extra}`);
  }
}

/** The accessibility sets (a11y-eval.ts), in this run's mode. */
const treeScores: TreeCaseScore[] = [];
async function evaluateTree(cases: readonly TreeCase[]): Promise<void> {
  for (const c of cases) {
    const r = await perceiveIn(perceiver, mode, c.image, c.tree, c.display);
    const s = scoreTreeCase(c, mode, r.elements, r.ms);
    treeScores.push(s);
    const tree = c.tree ? `tree ${c.tree.nodes.length} nodes read in ${Math.round(c.tree.ms)} ms${c.tree.note ? ` (${c.tree.note})` : ''}` : 'no tree';
    console.log(`${s.size.padEnd(9)} ${`${s.set}/${mode}`.padEnd(16)} ${s.name.padEnd(38)} gt ${String(s.gt).padStart(3)} pred ${String(s.predicted).padStart(3)} recall ${pct(s.matched, s.gt)} precision ${pct(s.matched, s.predicted)} grounding ${s.grounded}/${s.named} ${Math.round(s.ms)} ms; ${tree}`);
  }
}

/**
 * The issue's rule for people's labels (common/people-marks.ts checkMarks: covers no text, touches only its own box,
 * digits >= 9 px) at 1:1, for MAGMA's drawing (layoutMarks) and the people's (layoutPeopleMarks). Controls without
 * an ink box get one from the pixels (agent/perception/ink-box.ts), so their labels' glyphs count as text.
 */
function legible(c: EvalCase, parsed: readonly Element[]): { magma: RuleReport; people: RuleReport } {
  const { width: w, height: h } = c.image;
  const els = parsed.map((e) => (e.ink || e.kind === 'text' || e.kind === 'link' ? e : { ...e, ink: inkBox(c.image, e.bbox) }));
  const m = layoutMarks(els, w, h);
  return {
    magma: checkMarks(m.marks.map((k) => ({ box: k.box, label: k.label, digitH: m.font.digitH })), els, w, h, 1),
    people: checkMarks(layoutPeopleMarks(els, w, h, 1).marks, els, w, h, 1),
  };
}

try {
  if (onlySets.some((s) => s === 'web' || s === 'docs-frozen' || s === 'x')) for (const [w, h] of sizes) await evaluate(await screenCases(w, h));
  if (wanted('xcalc') || wanted('gtk')) await evaluate(await appCases());
  if (wanted('gtk-live')) await evaluateTree(await gtkLiveCases());
  if (wanted('web-tree')) {
    const { webTreeCases } = await import('./a11y-web.js');
    await evaluateTree(await webTreeCases());
  }
} finally {
  await perceiver.release();
}

const lines: string[] = [];
for (const set of EVAL_SETS) {
  const ofSet = scores.filter((s) => s.set === set);
  for (const size of [...new Set(ofSet.map((s) => s.size))]) {
    const these = ofSet.filter((s) => s.size === size);
    const t = totals(these);
    lines.push(`${set.padEnd(11)} ${size.padEnd(30)}: recall ${t.recall.toFixed(3)} (${t.gt} gt)  precision ${t.precision.toFixed(3)} (${t.predicted} predicted)  grounding ${t.grounding.toFixed(3)} (${t.named} named)  ${these.length} frames, median ${Math.round(median(these.map((s) => s.ms)))} ms`);
    if (set === 'xcalc' || set === 'gtk') {
      const l = these.map((s) => legibility[s.name]).filter((x) => x !== undefined);
      for (const who of ['magma', 'people'] as const) {
        const ok = l.reduce((a, x) => a + x[who].met, 0);
        const n = l.reduce((a, x) => a + x[who].total, 0);
        lines.push(`${''.padEnd(43)}marks legible, ${who === 'magma' ? "MAGMA's drawing (the model's image)" : "people's drawing (overlay, approval)"}: ${ok}/${n} = ${pct(ok, n)}`);
      }
      const notGrounded = these.flatMap((s) => s.ungrounded.map((u) => u.name));
      lines.push(`${''.padEnd(43)}not grounded (${notGrounded.length}): ${notGrounded.map((n) => JSON.stringify(n)).join(' ') || 'none'}`);
    }
  }
}
for (const set of A11Y_SETS) {
  const these = treeScores.filter((s) => s.set === set);
  if (!these.length) continue;
  const t = totals(these as unknown as CaseScore[]);
  lines.push(`${`${set}/${mode}`.padEnd(16)} ${`${these.length} frames`.padEnd(25)}: recall ${t.recall.toFixed(3)} (${t.gt} gt)  precision ${t.precision.toFixed(3)} (${t.predicted} predicted)  grounding ${t.grounding.toFixed(3)} (${t.named} named)  median ${Math.round(median(these.map((s) => s.ms)))} ms`);
  const missed = these.flatMap((s) => s.missed.map((m) => `${s.name.replace(/^[^:]*:/, '')} ${m.role} ${JSON.stringify(m.name)}`));
  lines.push(`${''.padEnd(43)}missed (${missed.length}): ${missed.join('; ') || 'none'}`);
  const notGrounded = these.flatMap((s) => s.ungrounded.map((u) => `${JSON.stringify(u.name)}: ${u.why.slice(0, 80)}`));
  lines.push(`${''.padEnd(43)}not grounded (${notGrounded.length}): ${notGrounded.join('; ') || 'none'}`);
}
for (const [w, h] of sizes) {
  const frame = `${w}x${h}`;
  // The 10 frames of the table in docs/BENCHMARKS.md (web + x), so the time stays comparable with earlier rows.
  const table = scores.filter((s) => s.size === frame && (s.set === 'web' || s.set === 'x'));
  const all = scores.filter((s) => s.frame === frame);
  if (!all.length) continue;
  lines.push(`${frame} median parse ${Math.round(median(table.map((s) => s.ms)))} ms over the ${table.length} web + x frames; ${Math.round(median(all.map((s) => s.ms)))} ms over all ${all.length} frames of this size`);
}
console.log(`\n${provider}\n${cpus().length} x ${cpus()[0]?.model}\n${lines.join('\n')}`);
const missed = new Map<string, number>();
for (const s of scores) for (const m of s.missed) missed.set(m.role, (missed.get(m.role) ?? 0) + 1);
console.log(`stage totals (ms, first parse of each frame): ${Object.entries(stages).map(([k, v]) => `${k} ${Math.round(v)}`).join(', ')}`);
console.log(`missed by role: ${JSON.stringify(Object.fromEntries(missed))}`);
for (const s of scores.filter((x) => x.set === 'xcalc' || x.set === 'gtk')) {
  for (const u of s.ungrounded) console.log(`not grounded: ${s.name} ${JSON.stringify(u.name)}: ${u.why}`);
}
if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ scores, legibility, provider, ...(treeScores.length ? { mode, treeScores } : {}) }, null, 1));
