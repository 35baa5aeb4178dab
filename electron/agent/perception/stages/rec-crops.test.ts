import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ImageBox } from '../../../common/geometry.js';
import type { RgbaImage } from '../../ports.js';
import type { RectRegion } from '../widgets.js';
import { controlCrop, packRows, recLines, rowBands, spansAcross } from './rec-crops.js';

/** A white image with black ink blocks [x0, y0, x1, y1] (inclusive). */
function inked(width: number, height: number, blocks: readonly [number, number, number, number][]): RgbaImage {
  const data = new Uint8Array(width * height * 4).fill(255);
  for (const [x0, y0, x1, y1] of blocks) for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) data.fill(0, (y * width + x) * 4, (y * width + x) * 4 + 3);
  return { width, height, data };
}

const box = (inner: ImageBox, gridCell = false): RectRegion => ({
  inner,
  outer: [inner[0] - 1, inner[1] - 1, inner[2] + 1, inner[3] + 1],
  fill: 0.9,
  gridCell,
  bg: [255, 255, 255],
  holes: 1,
});

describe('packing crops into recognizer rows', () => {
  it('puts every crop in exactly one row, none overlapping, none beyond the row width', () => {
    const widths = [40, 300, 24, 500, 64, 64, 100, 16, 200];
    const rows = packRows(widths, 320, 32);
    assert.deepEqual(rows.flatMap((r) => r.slots.map((s) => s.index)).sort((a, b) => a - b), widths.map((_, i) => i));
    for (const r of rows) {
      const spans = r.slots.map((s) => [s.offset, s.offset + widths[s.index]!] as const).sort((a, b) => a[0] - b[0]);
      spans.forEach((s, k) => k > 0 && assert.ok(s[0] >= spans[k - 1]![1] + 32, 'gap kept'));
      if (r.slots.length > 1) assert.ok(r.width <= 320);
    }
    assert.ok(rows.length < widths.length, 'short crops share rows');
  });
  it('gives a crop wider than the row a row of its own', () => {
    const rows = packRows([500, 20], 320, 32);
    assert.deepEqual(rows.map((r) => r.slots.map((s) => s.index)), [[0], [1]]);
  });
});

describe('where a line is read from', () => {
  it('reads a short label inside a small button over the button interior height', () => {
    assert.deepEqual(controlCrop({ x: 36, y: 28, w: 8, h: 10 }, [box([22, 22, 58, 44])]), { x: 37, y: 23, w: 6, h: 20 });
  });
  it('does not crop a line to a table cell', () => {
    assert.equal(controlCrop({ x: 36, y: 28, w: 8, h: 10 }, [box([22, 22, 58, 44], true)]), undefined);
  });
  it('grows a lowercase word to the text band of its row ("e" beside "EE")', () => {
    const [e, ee] = rowBands([{ x: 10, y: 14, w: 8, h: 8 }, { x: 40, y: 10, w: 20, h: 12 }]);
    assert.deepEqual(e, { x: 10, y: 10, w: 8, h: 12 });
    assert.deepEqual(ee, { x: 40, y: 10, w: 20, h: 12 });
  });
  it('finds the buttons a line runs across, and not the box that holds it all', () => {
    const line = { x: 10, y: 12, w: 100, h: 10 };
    assert.deepEqual(spansAcross(line, [box([8, 8, 56, 26]), box([60, 8, 112, 26]), box([0, 0, 200, 30])]), [[8, 56], [60, 112]]);
  });
});

describe('recognizer sizes', () => {
  const sizes = { recH: 48, recLongH: 32, recMinW: 320, recScale: 0.5 };
  it('keeps a short line at 48 px and its aspect', () => {
    const [l] = recLines([{ x: 0, y: 0, w: 40, h: 12 }], [], sizes);
    assert.deepEqual([l!.recH, l!.recW], [48, 160]);
  });
  it('reads a long line lower and squeezed', () => {
    const [l] = recLines([{ x: 0, y: 0, w: 400, h: 12 }], [], sizes);
    assert.deepEqual([l!.recH, l!.recW], [32, Math.round(((32 * 400) / 12) * 0.5)]);
  });
  it('keeps a long line that runs across buttons at 48 px (a row of buttons is not body text)', () => {
    const [l] = recLines([{ x: 10, y: 12, w: 100, h: 10 }], [box([8, 8, 56, 26]), box([60, 8, 112, 26])], sizes);
    assert.equal(l!.recH, 48);
  });
});

describe('labels in controls much taller than their text (xcalc at 600x800)', () => {
  const sizes = { recH: 48, recLongH: 48, recMinW: 320, recScale: 1 };
  // A row of three 52 px tall keys: two labels with 9 px of ink (rows 41-49), one "-" (row 45 alone).
  const keys = [box([10, 20, 110, 72]), box([120, 20, 220, 72]), box([230, 20, 330, 72])];
  const image = inked(400, 100, [[50, 41, 70, 49], [160, 41, 180, 49], [270, 45, 290, 45]]);
  const lines = [{ x: 45, y: 30, w: 30, h: 30 }, { x: 155, y: 30, w: 30, h: 30 }, { x: 265, y: 30, w: 30, h: 30 }];

  it('reads a label over a band about 2.6x its text height around the text, not the whole key', () => {
    const [a, b] = recLines(lines, keys, sizes, image);
    for (const l of [a!, b!]) {
      assert.deepEqual([l.rect.y, l.rect.h], [34, 23], 'the text (rows 41-49) fills 9 of 23 rows, as on xcalc\'s default-size keys');
      assert.equal(l.recH, 48);
    }
    assert.equal(a!.rect.x, 46, 'columns stay the line\'s own');
  });
  it('gives a one-pixel "-" the same band as the labels beside it, not a sliver around its ink', () => {
    const [, , minus] = recLines(lines, keys, sizes, image);
    assert.deepEqual([minus!.rect.y, minus!.rect.h], [34, 23]);
  });
  it('keeps the whole interior of a key only a little taller than its text (xcalc at its default size)', () => {
    const small = inked(200, 60, [[40, 17, 50, 25]]);
    assert.deepEqual(recLines([{ x: 36, y: 12, w: 20, h: 20 }], [box([20, 10, 80, 34])], sizes, small)[0]!.rect, { x: 37, y: 11, w: 18, h: 22 });
  });
  it('keeps the interior without the image (no ink to measure)', () => {
    assert.deepEqual(controlCrop(lines[0]!, keys), { x: 46, y: 21, w: 28, h: 50 });
  });
});
