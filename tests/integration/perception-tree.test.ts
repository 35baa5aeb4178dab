/**
 * The tree stage (issue #15) on saved frames with the real parser (no X needed): with no tree, perception is
 * what it was (the same elements whatever the tree options say); with GNOME Calculator's AT-SPI boxes (the
 * frame's ground truth, tests/fixtures/perception/gtk-calc/), every key is one mark with the tree's box.
 * The identity with the code before the stage was checked once by A/B on four saved frames (report of #15 B).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ImageBox } from '../../electron/common/geometry.js';
import { decodeImage } from '../../electron/adapters/image-codec.js';
import { OrtRuntime } from '../../electron/adapters/onnx-runtime.js';
import { shippedOcrModels } from '../../electron/adapters/ocr-models.js';
import { createPerceiver, type Perceiver } from '../../electron/agent/perception/perceiver.js';
import type { TreeItem } from '../../electron/agent/perception/stages/frame.js';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'perception', 'gtk-calc');
interface Truth { name: string; box: ImageBox; role: string; a11yName: string }

/**
 * The frame's AT-SPI nodes as a reader gives them: a key's name is its label; an icon-only button keeps its
 * accessible name (Close, Minimize) or none; the input line is an editable text with the keyboard focus.
 */
function treeOf(truth: readonly Truth[]): TreeItem[] {
  const states = { enabled: true, focused: false, editable: false, showing: false, protected: false };
  return truth.map((t) => {
    const field = t.role === 'gtk field';
    const name = t.name || (t.a11yName.startsWith('Gtk') ? '' : t.a11yName);
    return { role: field ? 'text' : 'push button', name, states: { ...states, editable: field, focused: field }, box: t.box, app: 'gnome-calculator' };
  });
}

let perceiver: Perceiver;
before(async () => {
  perceiver = createPerceiver({ runtime: new OrtRuntime(), ...shippedOcrModels(), providers: ['cpu'], recCacheSize: 0 });
  await perceiver.ready();
});
after(() => perceiver.release());

describe('the accessibility tree stage on saved GNOME Calculator frames', () => {
  for (const size of ['360x501', '560x720']) {
    it(`${size}: with no tree, or the parser alone asked for without a tree, the elements are the parser's, unchanged`, async () => {
      const image = await decodeImage(join(DIR, `gnome-calculator-${size}.png`));
      const plain = await perceiver.perceive(image);
      assert.ok(plain.elements.length >= 25, `${plain.elements.length} elements`);
      assert.ok(plain.elements.every((e) => !['a11y', 'a11y+vision', 'vision'].includes(e.source)), 'sources say what made them, as before');
      for (const extras of [{}, { tree: [] }, { vision: false }]) {
        assert.deepEqual((await perceiver.perceive(image, undefined, extras)).elements, plain.elements, JSON.stringify(extras));
      }
    });

    it(`${size}: fused with its tree, every key and button is one mark with the tree's box and name`, async (t) => {
      const image = await decodeImage(join(DIR, `gnome-calculator-${size}.png`));
      const truth = (JSON.parse(readFileSync(join(DIR, `gnome-calculator-${size}.json`), 'utf8')) as { elements: Truth[] }).elements;
      const r = await perceiver.perceive(image, undefined, { tree: treeOf(truth) });
      t.diagnostic(`tree stage ${r.timings_ms.tree} ms; ${JSON.stringify(r.tree)}`);
      for (const g of truth) {
        const at = r.elements.filter((e) => e.bbox.every((v, i) => v === g.box[i]));
        assert.equal(at.length, 1, `one mark at ${g.box} (${g.name || g.a11yName})`);
        const e = at[0]!;
        assert.ok(e.source === 'a11y' || e.source === 'a11y+vision', `${g.name}: ${e.source}`);
        if (g.name) assert.equal(e.text, g.name);
        // Digits and symbols the parser reads as the tree names them: no "shows something else" on a key.
        if (g.name && e.source === 'a11y+vision') assert.equal(e.shown, undefined, `${g.name} shown ${e.shown}`);
      }
      const keys = r.elements.filter((e) => /^[0-9]$/.test(e.text));
      assert.equal(keys.length, 10, 'ten digit keys, each once');
      assert.ok(keys.every((k) => k.source === 'a11y+vision' && k.interactive && k.kind === 'button'));
      assert.equal(r.tree?.covered, 0);
    });
  }
});
