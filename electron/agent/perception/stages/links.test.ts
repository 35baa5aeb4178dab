import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { white } from '../../../../tests/support/fake-ocr.js';
import type { RgbaImage } from '../../ports.js';
import type { Segment } from './frame.js';
import { dominantColour, joinFragments, markLinks } from './links.js';

const seg = (o: Partial<Segment>): Segment => ({ text: 'Read more', box: [0, 0, 40, 10], confidence: 0.9, bg: [252, 252, 252], ...o });
const links = (img: RgbaImage, segs: Segment[]) => markLinks(img, segs).map((s) => s.link);
/** A grey note box inside the text column (pydoc's "Note:" boxes). */
const NOTE: [number, number, number] = [236, 236, 236];

/** A 400x300 page with a grey sidebar (x 10..110, y 20..300) and a note box (x 150..390, y 40..80). */
function page(): RgbaImage {
  const img = white(400, 300);
  const fill = (x0: number, y0: number, x1: number, y1: number, c: [number, number, number]) => {
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) img.data.set([...c, 255], (y * 400 + x) * 4);
  };
  fill(10, 20, 110, 300, [238, 238, 238]);
  fill(150, 40, 390, 80, NOTE);
  return img;
}

describe('link rules', () => {
  const img = white(100, 60);
  it('takes the page background to be its most common colour', () => {
    assert.deepEqual(dominantColour(img), [252, 252, 252]);
  });
  it('takes coloured text for a link and grey text for body text', () => {
    assert.deepEqual(links(img, [seg({ ink: 'h4' }), seg({ ink: 'n' })]), [true, false]);
  });
  it('takes a coloured word inside a note box (not the page background) for a link', () => {
    const segs = [
      seg({ text: 'See also: The', ink: 'n', bg: NOTE, box: [150, 50, 230, 64] }),
      seg({ text: 'pathlib', ink: 'h3', bg: NOTE, box: [232, 50, 280, 64] }),
      seg({ text: 'module offers high-level path objects.', ink: 'n', bg: NOTE, box: [282, 50, 388, 64] }),
    ];
    assert.deepEqual(links(page(), segs), [false, true, false]);
  });
  it('takes no coloured text for a link inside a code block (three or more ink colours on one background)', () => {
    const code: [number, number, number] = [238, 255, 204];
    const segs = ['h2', 'h4', 'h0', 'n'].map((ink, i) => seg({ text: `tok${i}`, ink, bg: code, box: [150 + 40 * i, 100, 185 + 40 * i, 114] }));
    // A comment line, all in one colour.
    segs.push(seg({ text: '# a comment', ink: 'h3', bg: code, wholeLine: true, box: [150, 120, 250, 134] }));
    assert.deepEqual(links(page(), segs), [false, false, false, false, false]);
  });
  it('takes a title drawn in one colour for a title, but a coloured word in a heading for a link', () => {
    const img = page();
    const ink = (x0: number, x1: number, y0: number, y1: number) => {
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x += 3) img.data.set([0, 90, 170, 255], (y * 400 + x) * 4);
    };
    const body = [0, 1, 2, 3, 4].map((i) => {
      ink(152, 378, 124 + 16 * i, 130 + 16 * i);
      return seg({ text: `body text line ${i}`, ink: 'n', bg: [255, 255, 255], box: [150, 122 + 16 * i, 380, 132 + 16 * i] });
    });
    ink(152, 258, 92, 108);
    ink(152, 188, 202, 218);
    const title = seg({ text: 'Data model', ink: 'h4', bg: [255, 255, 255], wholeLine: true, box: [150, 90, 260, 110] });
    const word = seg({ text: 'json', ink: 'h4', bg: [255, 255, 255], wholeLine: false, box: [150, 200, 190, 220] });
    assert.deepEqual(links(img, [...body, title, word]).slice(5), [false, true]);
  });
  it('takes short list lines on a tall narrow sidebar for links, but not its headings, nor a lone line', () => {
    const side: [number, number, number] = [238, 238, 238];
    const img = page();
    // Each line's ink: x-height strokes (6 px for items, 9 px for the heading) so the core heights are measured.
    const ink = (x0: number, x1: number, y0: number, y1: number) => {
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x += 3) img.data.set([40, 40, 40, 255], (y * 400 + x) * 4);
    };
    const items = [0, 1, 2, 3, 4].map((i) => {
      ink(32, 88, 64 + 17 * i, 70 + 17 * i);
      return seg({ text: `item ${i}`, ink: 'n', bg: side, wholeLine: true, box: [30, 62 + 17 * i, 90, 72 + 17 * i] });
    });
    ink(32, 108, 204, 213);
    const heading = seg({ text: 'Next topic', ink: 'n', bg: side, wholeLine: true, box: [30, 202, 110, 215] });
    ink(52, 88, 254, 260);
    const lone = seg({ text: 'status', ink: 'n', bg: side, wholeLine: true, box: [50, 252, 90, 262] });
    assert.deepEqual(links(img, [...items, heading, lone]), [true, true, true, true, true, false, false]);
  });
  it('takes the same short grey line in a note box (not a sidebar) for text', () => {
    const segs = [0, 1, 2].map((i) => seg({ text: `Note ${i}`, ink: 'n', bg: NOTE, wholeLine: true, box: [160, 42 + 12 * i, 200, 52 + 12 * i] }));
    assert.deepEqual(links(page(), segs), [false, false, false]);
  });
  it('takes a short menu item for a link whatever its colour, but not a long sentence', () => {
    assert.deepEqual(links(img, [seg({ ink: 'n', menu: true }), seg({ ink: 'n', menu: true, text: 'this is a whole sentence and not a menu item at all' })]), [true, false]);
  });
  it('takes underlined text for a link', () => {
    const u = white(100, 40);
    for (let x = 10; x < 60; x += 4) for (let y = 10; y < 20; y++) u.data.set([0, 0, 0, 255], (y * 100 + x) * 4);
    for (let x = 10; x < 60; x++) u.data.set([0, 0, 0, 255], (21 * 100 + x) * 4);
    assert.deepEqual(links(u, [seg({ ink: 'n', bg: [255, 255, 255], text: 'Previous', box: [8, 8, 64, 24] })]), [true]);
  });
  it('leaves text without a measured background alone', () => {
    assert.deepEqual(links(img, [seg({ ink: 'h4', bg: undefined })]), [undefined]);
  });
  it('joins touching pieces of one coloured run, and not text of another colour', () => {
    const j = joinFragments([seg({ text: 'js', ink: 'h4', box: [10, 0, 30, 20] }), seg({ text: 'on', ink: 'h4', box: [31, 0, 50, 20] }), seg({ text: '—', ink: 'n', box: [52, 0, 70, 20] })]);
    assert.deepEqual(
      j.map((s) => [s.text, s.box]),
      [
        ['json', [10, 0, 50, 20]],
        ['—', [52, 0, 70, 20]],
      ],
    );
  });
});
