import assert from 'node:assert/strict';
import { test } from 'node:test';
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
  const r = matchLabel('Fi1e', [el(0, 'File'), el(1, 'Edit')]);
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
