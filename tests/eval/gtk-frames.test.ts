import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inkBox } from '../../electron/agent/perception/ink-box.js';
import { gtkCases } from './gtk-frames.js';

describe('the frozen GNOME Calculator frames (gtk set)', () => {
  it('hold every key of Basic mode, symbols included, each with its label drawn inside its box', async () => {
    const cases = await gtkCases();
    assert.deepEqual(cases.map((c) => [c.name, c.image.width, c.image.height]), [
      ['gtk:gnome-calculator-360x501', 360, 501],
      ['gtk:gnome-calculator-560x720', 560, 720],
    ]);
    for (const c of cases) {
      const names = c.gt.map((g) => g.name);
      for (const k of ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '.', '%', '+', '−', '×', '÷', '=', '(', ')', 'mod', 'π', '√', 'x²', 'Undo', 'Basic']) {
        assert.equal(names.filter((n) => n === k).length, 1, `${c.name}: one "${k}"`);
      }
      for (const g of c.gt) {
        assert.ok(g.box[0] >= 0 && g.box[1] >= 0 && g.box[2] <= c.image.width && g.box[3] <= c.image.height, `${c.name} ${g.name}: box inside the frame`);
        if (g.role !== 'gtk button') continue;
        // What the pixels show inside the box: a label or an icon, never nothing (a box off its button would be empty).
        assert.ok(inkBox(c.image, g.box), `${c.name} "${g.name}": something is drawn inside ${g.box}`);
      }
      // Icon-only buttons (⌫, ☰, minimize, maximize, ✕) have no text to read.
      assert.equal(c.gt.filter((g) => g.role === 'gtk button' && g.name === '').length, 5);
    }
  });
});
