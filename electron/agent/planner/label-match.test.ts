import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Element } from '../../common/elements.js';
import { matchLabel, matchMark } from './label-match.js';

const el = (id: number, text: string, interactive = false): Element => ({
  id, kind: 'text', bbox: [id * 10, 0, id * 10 + 8, 8], text, interactive, confidence: 0.9, source: 'ocr',
});
const marks = [el(0, 'File'), el(1, 'Save as'), el(2, 'Save'), el(3, '7'), el(4, '1'), el(5, 'Settings'), el(6, 'Setting')];

test('an exact label wins over a fuzzy one, case and spaces ignored', () => {
  const r = matchLabel('  save   AS ', marks);
  assert.ok(r.ok && r.element.id === 1 && r.how === 'exact');
});

test('a short label never matches fuzzily: "7" is not "1"', () => {
  const r = matchLabel('4', marks);
  assert.ok(!r.ok);
  assert.match(r.error, /no mark reads "4"; nearest: #/);
});

test('a misread long label matches the one clearly closest mark', () => {
  const r = matchLabel('Fike', [el(0, 'File'), el(1, 'Edit')]);
  assert.ok(r.ok && r.element.id === 0 && r.how === 'fuzzy');
});

test('two equally close candidates are an error listing both ids', () => {
  const r = matchLabel('Settingz', marks);
  assert.ok(!r.ok);
  assert.match(r.error, /#5 "Settings"/);
  assert.match(r.error, /#6 "Setting"/);
});

test('the same text twice asks which one, unless exactly one is a control', () => {
  const two = [el(0, 'OK'), el(1, 'OK')];
  const r = matchLabel('ok', two);
  assert.ok(!r.ok && /matches 2 marks: #0 "OK", #1 "OK"/.test(r.error));
  const r2 = matchLabel('ok', [el(0, 'OK'), el(1, 'OK', true)]);
  assert.ok(r2.ok && r2.element.id === 1);
});

test('an unknown mark id is an error naming the range', () => {
  const r = matchMark(42, marks);
  assert.ok(!r.ok && /no mark #42.*#0\.\.#6/.test(r.error));
});

describe('what people type for a symbol', () => {
  const calc = [el(0, '7', true), el(1, '×', true), el(2, '−', true), el(3, '÷', true), el(4, '√', true), el(5, 'π', true), el(6, 'x²', true)];

  test('"*" and "x" click the × key when no mark reads "*" or "x"', () => {
    for (const typed of ['*', 'x', 'X']) {
      const r = matchLabel(typed, calc);
      assert.ok(r.ok && r.element.id === 1 && r.how === 'symbol', `${typed}: ${JSON.stringify(r)}`);
    }
  });

  test('"-" is −, "/" is ÷, "sqrt" is √, "pi" is π, "x^2" is x²', () => {
    const want: [string, number][] = [['-', 2], ['/', 3], ['sqrt', 4], ['pi', 5], ['x^2', 6], ['x²', 6]];
    for (const [typed, id] of want) {
      const r = matchLabel(typed, calc);
      assert.ok(r.ok && r.element.id === id, `${typed} -> ${JSON.stringify(r)}`);
    }
  });

  test('a literal match still wins: "*" clicks a key that reads "*" even with × on screen', () => {
    const r = matchLabel('*', [...calc, el(7, '*', true)]);
    assert.ok(r.ok && r.element.id === 7 && r.how === 'exact');
    const x = matchLabel('x', [...calc, el(8, 'x', true)]);
    assert.ok(x.ok && x.element.id === 8 && x.how === 'exact');
  });

  test('the other way round: "×" and "−" click keys that read "*" and "-"', () => {
    const ascii = [el(0, '*', true), el(1, '-', true)];
    const m = matchLabel('×', ascii);
    assert.ok(m.ok && m.element.id === 0);
    const n = matchLabel('−', ascii);
    assert.ok(n.ok && n.element.id === 1);
  });

  test('"x" and "close" click a ✕ close button; "menu", "settings", "more" and "minimize" click ☰, ⚙, ⋮ and _', () => {
    const bar = [el(0, 'Document.txt'), el(1, '☰', true), el(2, '⚙', true), el(3, '⋮', true), el(4, '✕', true), el(5, '_', true)];
    const want: [string, number][] = [['x', 4], ['close', 4], ['menu', 1], ['settings', 2], ['more', 3], ['minimize', 5]];
    for (const [typed, id] of want) {
      const r = matchLabel(typed, bar);
      assert.ok(r.ok && r.element.id === id && r.how === 'symbol', `${typed} -> ${JSON.stringify(r)}`);
    }
  });

  test('two marks that read the symbol are an error naming both, not a guess', () => {
    const r = matchLabel('*', [el(0, '×'), el(1, '×')]);
    assert.ok(!r.ok);
    assert.match(r.error, /"\*" \(read as "×"\) matches 2 marks: #0 "×", #1 "×"/);
  });

  test('a symbol with no alias on screen is still "no mark reads"', () => {
    const r = matchLabel('%', calc);
    assert.ok(!r.ok && /no mark reads "%"/.test(r.error));
  });
});

describe('OCR look-alikes (0/O, 1/l/I, 5/S)', () => {
  test('"ln" finds a key read as "1n", "STO" one read as "ST0"', () => {
    const keys = [el(0, '1n', true), el(1, 'ST0', true), el(2, 'log', true)];
    const a = matchLabel('ln', keys);
    assert.ok(a.ok && a.element.id === 0 && a.how === 'confusion');
    const b = matchLabel('STO', keys);
    assert.ok(b.ok && b.element.id === 1 && b.how === 'confusion');
    const c = matchLabel('x!', [...keys, el(3, 'xI', true)]);
    assert.ok(c.ok && c.element.id === 3 && c.how === 'confusion');
    const d = matchLabel('1/x', [...keys, el(4, '1/×', true)]);
    assert.ok(d.ok && d.element.id === 4 && d.how === 'confusion');
  });

  test('only where one mark fits: two look-alike readings are an error naming both', () => {
    const r = matchLabel('STO', [el(0, '5T0', true), el(1, 'ST0', true)]);
    assert.ok(!r.ok);
    assert.match(r.error, /"STO" matches 2 marks: #0 "5T0", #1 "ST0"/);
  });

  test('a single character never matches its look-alike: "O" is not the 0 key, "l" is not the 1 key', () => {
    assert.ok(!matchLabel('O', [el(0, '0', true)]).ok);
    assert.ok(!matchLabel('l', [el(0, '1', true)]).ok);
  });

  test('a keypad digit read as its letter: "0" finds the one "O" key among the digit keys, nowhere else', () => {
    const pad = ['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d, i) => el(i, d, true));
    const r = matchLabel('0', [...pad, el(9, 'O', true), el(10, '+', true)]);
    assert.ok(r.ok && r.element.id === 9 && r.how === 'confusion');
    // Not a keypad (a letter keyboard's O), two look-alikes, or the O is not a control: no guess.
    assert.ok(!matchLabel('0', [el(0, 'O', true), el(1, 'P', true), el(2, '7', true)]).ok);
    assert.ok(!matchLabel('0', [...pad, el(9, 'O', true), el(10, 'o', true)]).ok);
    assert.ok(!matchLabel('0', [...pad, el(9, 'O', false)]).ok);
  });

  test('a label made only of look-alikes ("lo") does not match a number ("10")', () => {
    assert.ok(!matchLabel('lo', [el(0, '10')]).ok);
  });
});

test('"e" and "E" are two keys: the one in the same case wins; "ok" with "OK" twice still asks', () => {
  const keys = [el(0, 'e', true), el(1, 'E', true)];
  const a = matchLabel('e', keys);
  assert.ok(a.ok && a.element.id === 0);
  const b = matchLabel('E', keys);
  assert.ok(b.ok && b.element.id === 1);
  assert.ok(!matchLabel('ok', [el(0, 'OK', true), el(1, 'OK', true)]).ok);
});
