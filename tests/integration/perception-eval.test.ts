/**
 * The CI subset of `npm run eval:perception` (tests/eval/perception-eval.ts): three standard-control forms and one
 * python3-doc page in Chromium, and xcalc + xmessage + xedit on Xvfb, at 1280x800, with thresholds a regression
 * would break (set below the measured values in docs/BENCHMARKS.md, not equal to them). Also the icon detector
 * path on a tiny generated ONNX model, and a Chinese label.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { decodeImage } from '../../electron/adapters/image-codec.js';
import { OrtRuntime } from '../../electron/adapters/onnx-runtime.js';
import { shippedOcrModels } from '../../electron/adapters/ocr-models.js';
import { matchLabel } from '../../electron/agent/planner/label-match.js';
import { createPerceiver, type Perceiver } from '../../electron/agent/perception/perceiver.js';
import { FORMS, PY_DOC, score, startWeb, totals, webCase, xCases, type CaseScore, type EvalCase } from '../eval/perception-eval.js';
import { writeTinyDetector } from '../fixtures/perception/tiny-detector.js';
import { runCli } from '../support/cli.js';

let perceiver: Perceiver;
before(async () => {
  perceiver = createPerceiver({ runtime: new OrtRuntime(), ...shippedOcrModels(), providers: ['cpu'], recCacheSize: 0 });
  await perceiver.ready();
});
after(() => perceiver.release());

describe('perception on interfaces not written by us (CI subset, 1280x800)', () => {
  const web: CaseScore[] = [];
  const x: CaseScore[] = [];
  let search: EvalCase | undefined;
  let searchElements: Awaited<ReturnType<Perceiver['perceive']>>['elements'] = [];
  before(async () => {
    assert.ok(PY_DOC, 'python3-doc is installed (scripts/setup.sh)');
    const s = await startWeb();
    try {
      for (const f of [...FORMS, `${PY_DOC}/library/index.html`]) {
        const c = await webCase(s, f, 1280, 800);
        const r = await perceiver.perceive(c.image);
        web.push(score(c, r.elements, r.timings_ms.total!));
        if (f.endsWith('search.html')) [search, searchElements] = [c, r.elements];
      }
    } finally {
      await s.close();
    }
    for (const c of await xCases(1280, 800)) {
      const r = await perceiver.perceive(c.image);
      x.push(score(c, r.elements, r.timings_ms.total!));
    }
  });

  it('finds most interactive elements of the web pages and resolves their names to clicks inside them', (t) => {
    const s = totals(web);
    t.diagnostic(`web: recall ${s.recall.toFixed(3)} precision ${s.precision.toFixed(3)} grounding ${s.grounding.toFixed(3)} (${s.gt} gt, ${s.named} named)`);
    t.diagnostic(`missed: ${JSON.stringify(web.flatMap((c) => c.missed.map((m) => `${m.role}:${m.name}`)))}`);
    assert.ok(s.gt >= 60, `${s.gt} ground-truth elements`);
    // Measured 0.855 / 0.908 / 0.863 (docs/BENCHMARKS.md, Perception).
    assert.ok(s.recall >= 0.82, `recall ${s.recall}`);
    assert.ok(s.precision >= 0.85, `precision ${s.precision}`);
    assert.ok(s.grounding >= 0.8, `grounding ${s.grounding}`);
  });

  it('finds the buttons of xcalc, xmessage and xedit as the X server places them', (t) => {
    const s = totals(x);
    t.diagnostic(`x: recall ${s.recall.toFixed(3)} precision ${s.precision.toFixed(3)} grounding ${s.grounding.toFixed(3)} (${s.gt} gt)`);
    assert.equal(s.gt, 62);
    assert.ok(s.recall >= 0.95, `recall ${s.recall}`);
    assert.ok(s.precision >= 0.88, `precision ${s.precision}`);
    assert.ok(s.grounding >= 0.85, `grounding ${s.grounding}`);
  });

  it('reads a Chinese button label and clicks inside that button', () => {
    const gt = search!.gt.find((g) => g.name === '搜索');
    assert.ok(gt, 'the page has a 搜索 button');
    const m = matchLabel('搜索', searchElements);
    assert.ok(m.ok, m.ok ? '' : m.error);
    const b = m.element.bbox;
    const cx = (b[0] + b[2]) / 2;
    const cy = (b[1] + b[3]) / 2;
    assert.ok(cx >= gt.box[0] && cx <= gt.box[2] && cy >= gt.box[1] && cy <= gt.box[3], `${b} vs ${gt.box}`);
    assert.equal(m.element.interactive, true);
  });
});

describe('the OCR model files', () => {
  it('prefers the rewritten recognizer in models/ocr (long lines at 40 px) and falls back to the package original', () => {
    const ours = shippedOcrModels({});
    assert.match(ours.recModelPath, /models[\\/]ocr[\\/]ch_PP-OCRv4_rec_infer\.fused\.onnx$/);
    assert.equal(ours.recLongHeight, 40);
    const plain = shippedOcrModels({ MAGMA_DESK_OCR_PLAIN: '1' });
    assert.match(plain.recModelPath, /@gutenye[\\/]ocr-models[\\/]assets[\\/]ch_PP-OCRv4_rec_infer\.onnx$/);
    assert.equal(plain.recLongHeight, undefined);
  });
});

describe('the optional icon detector', () => {
  const dir = mkdtempSync(join(tmpdir(), 'magma-det-'));
  const model = join(dir, 'tiny.onnx');
  const xcalc = new URL('../fixtures/perception/xcalc-1280x800.png', import.meta.url).pathname;
  // A 1280x800 frame letterboxes at scale 1 with no pad: letterbox px = image px.
  writeTinyDetector(model, [
    [700, 300, 20, 20, 0.9], // an icon on the empty desktop
    [702, 301, 20, 20, 0.5], // the same icon again, weaker: NMS drops it
    [169, 366, 42, 28, 0.8], // the xcalc "7" button: the same element as the control found without weights
    [900, 600, 30, 30, 0.01], // below the 0.05 confidence threshold
  ]);

  it('adds detector boxes OmniParser\'s way: NMS, threshold, and one element per control', async () => {
    const p = createPerceiver({ runtime: new OrtRuntime(), ...shippedOcrModels(), providers: ['cpu'], detectorModelPath: model });
    try {
      const r = await p.perceive(await decodeImage(xcalc));
      assert.equal(r.counts.icons, 2);
      const icons = r.elements.filter((e) => e.source === 'detector');
      assert.deepEqual(icons.map((e) => [e.kind, e.interactive, e.bbox.map(Math.round)]), [['icon', true, [690, 290, 710, 310]]]);
      const seven = r.elements.filter((e) => e.text === '7');
      assert.equal(seven.length, 1);
      assert.match(seven[0]!.source, /widget\+detector/);
      assert.equal(r.elements.filter((e) => e.bbox[0] >= 880 && e.bbox[1] >= 580).length, 0);
    } finally {
      await p.release();
    }
  });

  it('goes on without a detector file that is missing, and says so', async () => {
    const p = createPerceiver({ runtime: new OrtRuntime(), ...shippedOcrModels(), providers: ['cpu'], detectorModelPath: join(dir, 'missing.onnx') });
    try {
      const r = await p.perceive(await decodeImage(xcalc));
      assert.ok(r.elements.some((e) => e.text === '7'));
      assert.match(r.notes?.join('\n') ?? '', /icon detector not used: model file not found/);
    } finally {
      await p.release();
    }
    const cli = await runCli(['parse', xcalc, '--detector', join(dir, 'missing.onnx')], process.env);
    assert.equal(cli.code, 0, cli.stderr);
    assert.match(cli.stderr, /icon detector .*missing\.onnx not found; parsing without it/);
    assert.match(cli.stderr, /onnxruntime: .* runs on cpu/);
    assert.ok(JSON.parse(cli.stdout).elements.some((e: { text: string }) => e.text === '7'));
    const withDet = await runCli(['parse', xcalc, '--detector', model], process.env);
    assert.equal(withDet.code, 0, withDet.stderr);
    assert.ok(JSON.parse(withDet.stdout).elements.some((e: { source: string }) => e.source === 'detector'));
  });
});
