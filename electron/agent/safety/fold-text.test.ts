/** The folded form the risk classes match on: look-alikes, invisible characters, accents and spacing removed. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { foldText, vocabRe } from './fold-text.js';

test('look-alike letters from Cyrillic and Greek, full-width letters and small capitals fold to Latin', () => {
  assert.equal(foldText('Dеlеtе'), 'delete', 'Cyrillic е');
  assert.equal(foldText('ΕΝΑΒLΕ CΟΝΤΕΝΤ'), 'enable content', 'Greek capitals');
  assert.equal(foldText('ＲＵＮ ＡＮＹＷＡＹ'), 'run anyway');
  assert.equal(foldText('ᴘᴀʏ'), 'pay');
});

test('zero-width and bidi controls are removed, accents folded, ß written ss, spaced letters joined', () => {
  assert.equal(foldText('Dis\u200bable fire\u200dwall\u202e'), 'disable firewall');
  assert.equal(foldText('Löschen'), 'loschen');
  assert.equal(foldText('Désactiver la protección'), 'desactiver la proteccion');
  assert.equal(foldText('Straße'), 'strasse');
  assert.equal(foldText('D E L E T E  all'), 'delete all');
});

test('Chinese, Japanese and Korean stay as written (confusables.txt would turn 一 into ー and カ into 力)', () => {
  for (const s of ['关闭防火墙', 'カメラを許可', '一二三', '삭제']) assert.equal(foldText(s), s);
  assert.equal(foldText('ガイド'), 'ガイド', 'dakuten kept');
});

test('folding is idempotent', () => {
  for (const s of ['Dеlеtе', 'ΕΝΑΒLΕ', 'Löschen', 'D E L E T E', '关闭', 'Straße']) assert.equal(foldText(foldText(s)), foldText(s));
});

test('a vocabulary matches whole words in alphabetic scripts and substrings in Chinese and Japanese', () => {
  const re = vocabRe(['pay now', 'löschen', '删除'])!;
  assert.ok(re.test(foldText('Pay\u200bnow')));
  assert.ok(re.test(foldText('Datei LÖSCHEN')));
  assert.ok(re.test(foldText('确认删除文件')));
  assert.ok(!re.test(foldText('Repay nowhere')));
  assert.ok(!re.test(foldText('Löschenfeld')));
});
