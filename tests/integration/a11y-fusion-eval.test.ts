/**
 * The CI subset of the accessibility fusion eval (issue #15; `npm run eval:perception -- --sets gtk-live --mode
 * vision|tree|fused`): the committed GTK frames with their saved AT-SPI reads, replayed without the applications
 * or a bus. Thresholds sit below the values measured in docs/BENCHMARKS.md ("Accessibility fusion eval (#15)"),
 * so a regression breaks them, not the noise. Ground truth is hand-checked (tests/fixtures/perception/gtk-live/).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { OrtRuntime } from '../../electron/adapters/onnx-runtime.js';
import { shippedOcrModels } from '../../electron/adapters/ocr-models.js';
import { createPerceiver, type Perceiver } from '../../electron/agent/perception/perceiver.js';
import { perceiveIn, scoreTreeCase, type A11yMode, type TreeCase, type TreeCaseScore } from '../eval/a11y-eval.js';
import { gtkLiveCases } from '../eval/a11y-frames.js';
import { totals, type CaseScore } from '../eval/scoring.js';

let perceiver: Perceiver;
let cases: TreeCase[];
const scores: Record<A11yMode, TreeCaseScore[]> = { vision: [], tree: [], fused: [] };
const sum = (m: A11yMode) => totals(scores[m] as unknown as CaseScore[]);

before(async () => {
  perceiver = createPerceiver({ runtime: new OrtRuntime(), ...shippedOcrModels(), providers: ['cpu'], recCacheSize: 0 });
  await perceiver.ready();
  cases = await gtkLiveCases();
  for (const c of cases) {
    for (const mode of ['vision', 'tree', 'fused'] as const) {
      const r = await perceiveIn(perceiver, mode, c.image, c.tree, c.display);
      scores[mode].push(scoreTreeCase(c, mode, r.elements, r.ms));
    }
  }
});
after(() => perceiver.release());

describe('accessibility fusion on the gtk-live frames (galculator, GNOME Calculator, GTK 3 widget factory)', () => {
  it('finds more of the controls fused than with the screen parser alone, and no fewer than with the tree alone', (t) => {
    for (const m of ['vision', 'tree', 'fused'] as const) {
      const s = sum(m);
      t.diagnostic(`${m}: recall ${s.recall.toFixed(3)} precision ${s.precision.toFixed(3)} grounding ${s.grounding.toFixed(3)} (${s.gt} gt, ${s.named} named)`);
    }
    assert.ok(sum('vision').gt >= 110, `${sum('vision').gt} ground-truth controls`);
    assert.ok(sum('fused').recall >= sum('vision').recall + 0.2, `fused recall ${sum('fused').recall} vs vision ${sum('vision').recall}`);
    assert.ok(sum('fused').recall >= sum('tree').recall, `fused recall ${sum('fused').recall} vs tree ${sum('tree').recall}`);
    // Measured fused recall 0.949, precision 0.903, grounding 1.000 (docs/BENCHMARKS.md).
    assert.ok(sum('fused').recall >= 0.92, `fused recall ${sum('fused').recall}`);
    assert.ok(sum('fused').precision >= 0.87, `fused precision ${sum('fused').precision}`);
  });

  it('resolves every control named once on screen to a click inside it, fused, at least as often as the screen parser alone', () => {
    const missed = scores.fused.flatMap((s) => s.ungrounded.map((u) => `${s.name} ${JSON.stringify(u.name)}: ${u.why}`));
    assert.ok(sum('fused').grounding >= 0.97, `fused grounding ${sum('fused').grounding}: ${missed.join('; ')}`);
    assert.ok(sum('fused').grounding >= sum('vision').grounding, `fused grounding ${sum('fused').grounding} vs vision ${sum('vision').grounding}`);
  });

  it('gives exactly the screen parser\'s elements where the tree says nothing (an empty read)', async () => {
    const c = cases.find((x) => x.name === 'gtk-live:galculator')!;
    const vision = await perceiveIn(perceiver, 'vision', c.image, undefined, c.display);
    const empty = await perceiveIn(perceiver, 'fused', c.image, { nodes: [], ms: 0 }, c.display);
    assert.deepEqual(empty.elements, vision.elements);
  });
});
