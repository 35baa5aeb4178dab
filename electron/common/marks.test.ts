import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { ImageBox } from './geometry.js';
import { labelSize, layoutMarks, markFont, spotRect, SPOTS, type LabelRect } from './marks.js';
import { drawMarks, glyph, OUTLINE_PX } from '../agent/perception/som-draw.js';

const els = (boxes: ImageBox[]) => boxes.map((bbox, id) => ({ id, bbox: [...bbox] as [number, number, number, number] }));
const inside = (r: { x: number; y: number; w: number; h: number }, W: number, H: number) => r.x >= 0 && r.y >= 0 && r.x + r.w <= W && r.y + r.h <= H;

describe('mark font size', () => {
  it('starts at size 20 (14 px digits) on a small image', () => {
    const f = markFont(320, 240); // target min(30, 9.6): size 20 already satisfies it
    assert.deepEqual([f.size, f.digitH], [20, 14]);
  });
  it('grows until the box of "555" has a min side of min(30, 4% of the short side)', () => {
    for (const [W, H, target] of [[1280, 800, 30], [1920, 1080, 30], [800, 600, 24]] as const) {
      const f = markFont(W, H);
      const box555 = Math.min(f.digitH, 3 * f.digitW + 2 * f.spacing);
      assert.ok(box555 >= target, `${W}x${H}: ${box555} >= ${target}`);
      assert.ok(Math.round(0.7 * (f.size - 1)) < target, `${W}x${H}: size ${f.size} is the first that reaches it`);
    }
  });
});

describe('mark layout', () => {
  it('numbers labels with the element ids, in element order', () => {
    const l = layoutMarks(els([[100, 100, 150, 120], [300, 300, 340, 320]]), 800, 600);
    assert.deepEqual(l.marks.map((m) => [m.id, m.text]), [[0, '0'], [1, '1']]);
  });

  it('puts the label above-left of the box when nothing is in the way (the first candidate)', () => {
    const l = layoutMarks(els([[100, 100, 150, 120]]), 800, 600);
    const { w, h } = labelSize('0', l.font);
    assert.deepEqual([l.marks[0]!.spot, l.marks[0]!.label], ['above-left', { x: 100, y: 100 - h, w, h }]);
  });

  it('keeps labels inside the image for boxes in every corner and at the edges', () => {
    const boxes: ImageBox[] = [[0, 0, 40, 20], [760, 0, 800, 20], [0, 580, 40, 600], [760, 580, 800, 600], [380, 0, 420, 10], [0, 290, 10, 310]];
    const l = layoutMarks(els(boxes), 800, 600);
    for (const m of l.marks) assert.ok(inside(m.label, 800, 600), `mark ${m.id} at ${m.spot}`);
    assert.equal(l.marks[0]!.spot, 'right-top');
  });

  it('moves a label away from a neighbour box that covers the first candidate', () => {
    // Box 1 sits right above box 0's left half: above-left would cover it, above-right does not.
    const l = layoutMarks(els([[100, 100, 300, 120], [100, 60, 140, 99]]), 800, 600);
    assert.equal(l.marks[0]!.spot, 'above-right');
    assert.equal(l.marks[0]!.overlap, 0);
  });

  it('avoids labels placed before it', () => {
    // Two boxes side by side, closer than a label is wide: box 1's above-left spot would cover label 0.
    const l = layoutMarks(els([[100, 100, 130, 120], [135, 100, 165, 120]]), 800, 600);
    const [a, b] = l.marks.map((m) => m.label);
    const ix = Math.min(a!.x + a!.w, b!.x + b!.w) - Math.max(a!.x, b!.x);
    const iy = Math.min(a!.y + a!.h, b!.y + b!.h) - Math.max(a!.y, b!.y);
    assert.ok(ix <= 0 || iy <= 0, 'labels do not overlap');
  });

  it('picks a spot with the least overlap among the candidates inside the image (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 560 }), fc.integer({ min: 0, max: 400 }), fc.integer({ min: 4, max: 80 }), fc.integer({ min: 4, max: 40 })), { minLength: 1, maxLength: 25 }),
        (raw) => {
          const boxes: ImageBox[] = raw.map(([x, y, w, h]) => [x, y, x + w, y + h]);
          const l = layoutMarks(els(boxes), 640, 480);
          const area = (r: LabelRect, b: ImageBox) =>
            Math.max(0, Math.min(r.x + r.w, b[2]) - Math.max(r.x, b[0])) * Math.max(0, Math.min(r.y + r.h, b[3]) - Math.max(r.y, b[1]));
          l.marks.forEach((m, i) => {
            assert.ok(inside(m.label, 640, 480));
            const others: ImageBox[] = [
              ...boxes.filter((_, k) => k !== i),
              ...l.marks.slice(0, i).map((p): ImageBox => [p.label.x, p.label.y, p.label.x + p.label.w, p.label.y + p.label.h]),
            ];
            const cost = (r: LabelRect) => others.reduce((s, b) => s + area(r, b), 0);
            assert.equal(cost(m.label), m.overlap);
            for (const spot of SPOTS) {
              const r = spotRect(spot, boxes[i]!, m.label.w, m.label.h);
              if (inside(r, 640, 480)) assert.ok(m.overlap <= cost(r), `mark ${i}: ${m.spot} (${m.overlap}) vs ${spot} (${cost(r)})`);
            }
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('puts the label inside a box that fills the image, still inside the image', () => {
    const l = layoutMarks(els([[0, 0, 100, 60]]), 100, 60);
    assert.equal(l.marks[0]!.spot, 'inside');
    assert.ok(inside(l.marks[0]!.label, 100, 60));
  });

  it('lays out nothing for no elements', () => {
    assert.deepEqual(layoutMarks([], 100, 100).marks, []);
  });
});

describe('Set-of-Mark drawing', () => {
  const W = 200;
  const H = 150;
  const img = { width: W, height: H, data: new Uint8Array(W * H * 4).fill(255) };
  const px = (d: Uint8Array, x: number, y: number) => Array.from(d.subarray((y * W + x) * 4, (y * W + x) * 4 + 4));

  it('draws 2 px red outlines on a copy and leaves the input untouched', () => {
    const out = drawMarks(img, layoutMarks(els([[100, 80, 160, 120]]), W, H));
    assert.deepEqual(px(out.data, 100, 100), [255, 0, 0, 255]);
    assert.deepEqual(px(out.data, 100 + OUTLINE_PX - 1, 100), [255, 0, 0, 255]);
    assert.deepEqual(px(out.data, 100 + OUTLINE_PX, 100), [255, 255, 255, 255]);
    assert.deepEqual(px(out.data, 159, 119), [255, 0, 0, 255]);
    assert.ok(img.data.every((v) => v === 255));
  });

  it('fills the label red and writes the digits in white, scaled from the bitmap font', () => {
    const layout = layoutMarks(els([[100, 80, 160, 120]]), W, H);
    const out = drawMarks(img, layout);
    const { label } = layout.marks[0]!;
    const f = layout.font;
    assert.deepEqual(px(out.data, label.x, label.y), [255, 0, 0, 255]);
    let white = 0;
    for (let v = 0; v < f.digitH; v++) for (let u = 0; u < f.digitW; u++) if (px(out.data, label.x + f.pad + u, label.y + f.pad + v)[1] === 255) white++;
    const cells = glyph('0').join('').split('').filter((c) => c === '#').length;
    const expected = (cells / 35) * f.digitW * f.digitH;
    assert.ok(Math.abs(white - expected) < 0.25 * expected, `${white} white px for "0", about ${expected.toFixed(0)} expected`);
  });

  it('draws multi-digit labels digit by digit', () => {
    const elements = Array.from({ length: 12 }, (_, i) => ({ id: i, bbox: [10 + (i % 4) * 45, 40 + Math.floor(i / 4) * 35, 40 + (i % 4) * 45, 55 + Math.floor(i / 4) * 35] as [number, number, number, number] }));
    const layout = layoutMarks(elements, W, H);
    assert.equal(layout.marks[11]!.text, '11');
    assert.equal(layout.marks[11]!.label.w, labelSize('11', layout.font).w);
    assert.doesNotThrow(() => drawMarks(img, layout));
  });

  it('refuses a layout made for another image size', () => {
    assert.throws(() => drawMarks(img, layoutMarks([], 100, 100)), RangeError);
  });
});
