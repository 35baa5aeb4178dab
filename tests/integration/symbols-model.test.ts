/**
 * The shipped symbol classifier (models/symbols/symbols.onnx) on glyphs it never saw in training: a sheet of buttons
 * drawn in DejaVu (models/symbols/render_test_buttons.py) and real xcalc screenshots (X core fonts) at 1280x800 and
 * at 300x400, where OCR reads several symbol keys as nothing. Key boxes come from the X server (xwininfo).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { decodeImage } from '../../electron/adapters/image-codec.js';
import { OrtRuntime } from '../../electron/adapters/onnx-runtime.js';
import { shippedOcrModels } from '../../electron/adapters/ocr-models.js';
import { classifySymbols, readSymbols, symbolCrop } from '../../electron/agent/perception/symbols.js';

const fixture = (f: string) => new URL(`../fixtures/symbols/${f}`, import.meta.url);

describe('the shipped symbol model', async () => {
  const session = await new OrtRuntime().load(shippedOcrModels({}).symbolsModelPath!, { providers: ['cpu'] });

  it('reads buttons drawn in DejaVu, a font it never saw: every symbol named right or left empty, never misnamed', async () => {
    const img = await decodeImage(fileURLToPath(fixture('dejavu-buttons.png')));
    const { buttons } = JSON.parse(readFileSync(fixture('dejavu-buttons.json'), 'utf8')) as { buttons: { box: [number, number, number, number]; drawn: string; expect: string; font: string; size: number }[] };
    const reads = await readSymbols(session, img, buttons.map((b) => ({ box: b.box, text: '', confidence: 0 })));
    const wrong = buttons.filter((b, i) => reads[i] !== undefined && reads[i]!.text !== b.expect);
    assert.deepEqual(wrong.map((b, i) => `${b.drawn} (${b.font} ${b.size}px) read as ${reads[buttons.indexOf(b)]?.text} ${i}`), []);
    const symbols = buttons.filter((b) => b.expect !== 'text');
    const named = symbols.filter((b) => reads[buttons.indexOf(b)]?.text === b.expect).length;
    assert.ok(named >= 0.9 * symbols.length, `${named} of ${symbols.length} symbols named`);
    assert.ok(buttons.filter((b, i) => b.expect === 'text' && reads[i] !== undefined).length === 0, 'text buttons are left to OCR');
  });

  for (const frame of ['xcalc-1280x800', 'xcalc-300x400']) {
    it(`names xcalc's symbol keys in ${frame}.png (X core fonts, never trained on) and leaves its text keys to OCR`, async () => {
      const dir = frame === 'xcalc-1280x800' ? '../fixtures/perception/' : '../fixtures/symbols/';
      const img = await decodeImage(fileURLToPath(new URL(`${dir}${frame}.png`, import.meta.url)));
      const { buttons } = JSON.parse(readFileSync(new URL(`${dir}${frame}.buttons.json`, import.meta.url), 'utf8')) as { buttons: { label: string; box: [number, number, number, number] }[] };
      // The 1280x800 fixture has xwininfo's inside geometry: the key a person sees is 1 px larger on every side.
      const box = (b: (typeof buttons)[number]): [number, number, number, number] => (frame === 'xcalc-1280x800' ? [b.box[0], b.box[1], b.box[2] + 2, b.box[3] + 2] : b.box);
      const want: Record<string, string> = { '√': '√', '*': '*', '(': '(', ')': ')', '.': '.', '÷': '÷', 'π': 'π', '-': '−', '+': '+', '=': '=', 'x²': 'x²' };
      const keys = buttons.filter((b) => b.label in want);
      const reads = await readSymbols(session, img, keys.map((b) => ({ box: box(b), text: '', confidence: 0 })));
      // Named right, or (only the 5x1 px "-" at 300x400, which the model finds as close to "_") left empty: never misnamed.
      const got = keys.map((b, i) => `${b.label}: ${reads[i]?.text ?? (b.label === '-' ? '−' : 'nothing')}`);
      assert.deepEqual(got, keys.map((b) => `${b.label}: ${want[b.label]}`));
      for (const label of ['√', '*', '.', '(']) assert.equal(reads[keys.findIndex((b) => b.label === label)]?.text, label, `${label} is named`);
      const text = buttons.filter((b) => ['7', '0', 'sin', 'AC', 'STO', 'e', 'EE'].includes(b.label));
      const crops = text.map((b) => symbolCrop(img, box(b))!);
      const guesses = await classifySymbols(session, crops);
      assert.deepEqual(text.map((b, i) => `${b.label}: ${guesses[i]!.label}`), text.map((b) => `${b.label}: text`));
    });
  }
});
