import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { A11yNodeSchema } from '../../electron/common/a11y.js';
import { inkBox } from '../../electron/agent/perception/ink-box.js';
import { gtkLiveCases } from './a11y-frames.js';

describe('the gtk-live frames (accessibility fusion eval)', () => {
  it('hold three GTK windows, each control of the ground truth inside the screen with something drawn in it, and the tree read taken with each', async () => {
    const cases = await gtkLiveCases();
    assert.deepEqual(cases.map((c) => [c.name, c.image.width, c.image.height]), [
      ['gtk-live:galculator', 1280, 800],
      ['gtk-live:gnome-calculator', 1280, 800],
      ['gtk-live:gtk3-widget-factory', 1280, 800],
    ]);
    const named = (name: string) => cases.find((c) => c.name === name)!;
    // galculator's keypad, GNOME Calculator's (symbols included), the widget factory's standard controls.
    for (const k of ['7', '8', '+', '=', 'sqrt', 'MS', 'File', 'Help']) assert.equal(named('gtk-live:galculator').gt.filter((g) => g.name === k).length, 1, `galculator: one "${k}"`);
    for (const k of ['7', '÷', '×', '−', '√', 'x²', 'π', 'Undo', 'Basic']) assert.equal(named('gtk-live:gnome-calculator').gt.filter((g) => g.name === k).length, 1, `gnome-calculator: one "${k}"`);
    assert.equal(named('gtk-live:gtk3-widget-factory').gt.filter((g) => g.role === 'gtk tab').length, 12);
    assert.equal(named('gtk-live:gtk3-widget-factory').ignore.length, 16, 'greyed-out controls');
    for (const c of cases) {
      for (const g of c.gt) {
        assert.ok(g.box[0] >= 0 && g.box[1] >= 0 && g.box[2] <= c.image.width && g.box[3] <= c.image.height, `${c.name} ${g.name}: box inside the frame`);
        // A box off its window would lie on the black root window; a button's, tab's or check box's box holds its
        // label or icon (an empty field, a switch or a slider's trough holds no glyph, but is not black).
        const [cx, cy] = [Math.floor((g.box[0] + g.box[2]) / 2), Math.floor((g.box[1] + g.box[3]) / 2)];
        const i = (cy * c.image.width + cx) * 4;
        assert.ok(c.image.data[i]! + c.image.data[i + 1]! + c.image.data[i + 2]! > 0, `${c.name} "${g.name}" ${g.role}: inside its window at ${g.box}`);
        if (!['gtk field', 'gtk switch', 'gtk slider'].includes(g.role)) assert.ok(inkBox(c.image, g.box), `${c.name} "${g.name}" ${g.role}: something is drawn inside ${g.box}`);
      }
      assert.ok(c.tree && c.tree.nodes.length > 20, `${c.name}: a saved tree read`);
      for (const n of c.tree.nodes) A11yNodeSchema.parse(n);
    }
  });
});
