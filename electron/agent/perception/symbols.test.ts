import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { RgbaImage } from '../ports.js';
import { decideSymbol, isSymbolCandidate, SYMBOL_CLASSES, SYMBOL_SIZE, symbolCrop } from './symbols.js';

const fixture = (f: string) => new URL(`../../../tests/fixtures/symbols/${f}`, import.meta.url);
const modelDir = new URL('../../../models/symbols/', import.meta.url);

function rgbToRgba(w: number, h: number, rgb: Uint8Array): RgbaImage {
  const data = new Uint8Array(w * h * 4);
  for (let i = 0; i < w * h; i++) {
    data[i * 4] = rgb[i * 3]!;
    data[i * 4 + 1] = rgb[i * 3 + 1]!;
    data[i * 4 + 2] = rgb[i * 3 + 2]!;
    data[i * 4 + 3] = 255;
  }
  return { width: w, height: h, data };
}

describe('symbol crops', () => {
  it('are the crops the classifier was trained on (the Python generator\'s outputs for the same pixels)', () => {
    const { cases } = JSON.parse(readFileSync(fixture('norm-parity.json'), 'utf8')) as {
      cases: { class: string; w: number; h: number; rgb_base64: string; img: number[]; feats: number[] }[];
    };
    assert.ok(cases.length >= 3);
    for (const c of cases) {
      const img = rgbToRgba(c.w, c.h, Buffer.from(c.rgb_base64, 'base64'));
      const crop = symbolCrop(img, [0, 0, c.w, c.h]);
      assert.ok(crop, `${c.class}: a crop`);
      assert.equal(crop.image.length, SYMBOL_SIZE * SYMBOL_SIZE);
      let worst = 0;
      crop.image.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - c.img[i]!))));
      assert.ok(worst < 2e-3, `${c.class}: pixels differ by up to ${worst}`);
      crop.feats.forEach((v, i) => assert.ok(Math.abs(v - c.feats[i]!) < 1e-4, `${c.class}: feature ${i} ${v} vs ${c.feats[i]}`));
    }
  });

  it('find the glyph inside a button and leave its outline out', () => {
    // A 30x20 button: grey outline, white face, a 2x2 black dot in the middle.
    const w = 30;
    const h = 20;
    const data = new Uint8Array(w * h * 4).fill(255);
    const put = (x: number, y: number, v: number) => data.set([v, v, v, 255], (y * w + x) * 4);
    for (let x = 0; x < w; x++) {
      put(x, 0, 128);
      put(x, h - 1, 128);
    }
    for (let y = 0; y < h; y++) {
      put(0, y, 128);
      put(w - 1, y, 128);
    }
    for (const [x, y] of [[14, 12], [15, 12], [14, 13], [15, 13]] as const) put(x, y, 0);
    const crop = symbolCrop({ width: w, height: h, data }, [0, 0, w, h]);
    assert.ok(crop);
    assert.deepEqual(crop.ink, [14, 12, 16, 14]);
    assert.ok(crop.feats[1] > 0, 'the dot sits below the middle');
  });

  it('have nothing to read on an empty button', () => {
    const data = new Uint8Array(30 * 20 * 4).fill(200);
    assert.equal(symbolCrop({ width: 30, height: 20, data }, [0, 0, 30, 20]), undefined);
  });
});

describe('which reading a control keeps', () => {
  it('an empty control takes a symbol at EMPTY_MIN; OCR text is replaced near certainty or when letters are ruled out, never by "text"/"none"', () => {
    assert.equal(decideSymbol({ text: '' }, { label: '*', p: 0.7, text: 0.2 }), '*');
    assert.equal(decideSymbol({ text: '' }, { label: '*', p: 0.4, text: 0.3 }), undefined);
    assert.equal(decideSymbol({ text: '=' }, { label: '☰', p: 0.97, text: 0.02 }), '☰');
    assert.equal(decideSymbol({ text: '=' }, { label: '☰', p: 0.8, text: 0.1 }), undefined);
    // xcalc's √ read as "V": √ at 0.86 with letters and digits all but ruled out.
    assert.equal(decideSymbol({ text: 'V' }, { label: '√', p: 0.86, text: 0.001 }), '√');
    assert.equal(decideSymbol({ text: '7' }, { label: 'text', p: 0.99, text: 0.99 }), undefined);
    assert.equal(decideSymbol({ text: '' }, { label: 'none', p: 0.99, text: 0 }), undefined);
  });
  it('re-reads nothing, 1-2 characters or a low score; a confident word is left alone', () => {
    assert.ok(isSymbolCandidate({ text: '', confidence: 0 }));
    assert.ok(isSymbolCandidate({ text: '米', confidence: 0.9 }));
    assert.ok(isSymbolCandidate({ text: 'sqr', confidence: 0.3 }));
    assert.ok(!isSymbolCandidate({ text: 'sin', confidence: 0.95 }));
  });
  it('knows the classes the shipped model was trained with', () => {
    const shipped = JSON.parse(readFileSync(new URL('classes.json', modelDir), 'utf8')) as { classes: string[] };
    assert.deepEqual([...SYMBOL_CLASSES], shipped.classes);
  });
});
