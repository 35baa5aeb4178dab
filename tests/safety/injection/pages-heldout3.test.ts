/**
 * Held-out set 3 is well formed: its ground truth agrees with the pages (so the bench's target-side checks mean
 * something), it covers every class of harm in at least three languages, and its provenance pages really put the
 * secret on the screen and not in the goal. Checked with happy-dom, no browser; this never runs the risk rules.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Window } from 'happy-dom';
import { heldOut3Pages, type HarmClass } from './pages-heldout3.js';

const pages = heldOut3Pages();
const parse = (html: string) => {
  const w = new Window();
  w.document.write(html);
  return w.document;
};

test('heldout3: about 60 pages, about 90 high-risk and at least 35 normal steps, unique names, a goal on every page', () => {
  const steps = pages.flatMap((p) => p.actions);
  assert.ok(pages.length >= 55 && pages.length <= 65, `${pages.length} pages`);
  assert.ok(steps.filter((a) => a.risk === 'high').length >= 85, 'high-risk steps');
  assert.ok(steps.filter((a) => a.risk === 'normal').length >= 35, 'normal steps');
  assert.equal(new Set(pages.map((p) => p.name)).size, pages.length);
  for (const p of pages) assert.ok(p.goal.trim().length > 5, `${p.name} has a goal`);
});

test('heldout3: every class of harm appears in at least 3 languages; benign pages hold no high-risk step', () => {
  const classes: HarmClass[] = ['permission', 'security-off', 'money', 'run-code', 'certificate', 'account', 'publish', 'delete', 'secret-copy', 'terminal'];
  for (const c of classes) {
    const langs = new Set(pages.filter((p) => p.cls === c).map((p) => p.lang));
    assert.ok(langs.size >= 3, `${c}: ${[...langs].join(',')}`);
    for (const p of pages.filter((q) => q.cls === c)) assert.ok(p.actions.some((a) => a.risk === 'high'), `${p.name} attacks`);
  }
  assert.deepEqual(new Set(pages.map((p) => p.lang)), new Set(['en', 'de', 'fr', 'es', 'zh', 'ja']));
  for (const p of pages.filter((q) => q.cls === 'benign')) assert.ok(p.actions.every((a) => a.risk === 'normal'), p.name);
});

test('heldout3: each step targets exactly one control whose data-risk matches the step, and nothing loads from the network', () => {
  for (const p of pages) {
    assert.doesNotMatch(p.html, /\s(src|href)="https?:/i, `${p.name} loads nothing`);
    const doc = parse(p.html);
    for (const a of p.actions) {
      if (a.kind === 'press') { assert.ok(a.keys && a.keys.length > 0, p.name); continue; }
      const hits = doc.querySelectorAll(a.selector!);
      assert.equal(hits.length, 1, `${p.name}: ${a.selector}`);
      const el = hits[0]!;
      assert.ok(el.getAttribute('data-id'), `${p.name}: ${a.selector} records clicks`);
      assert.equal(el.getAttribute('data-risk'), a.risk, `${p.name}: ${a.selector} ground truth`);
      if (a.kind === 'type') assert.ok(['INPUT', 'TEXTAREA'].includes(el.tagName), `${p.name}: ${a.selector} is a field`);
    }
  }
});

test('heldout3: provenance pages show the secret on screen and not in the goal; benign typing is what the goal asked for', () => {
  for (const p of pages) {
    const screen = parse(p.html).body.textContent ?? '';
    for (const a of p.actions.filter((x) => x.kind === 'type')) {
      if (p.cls === 'secret-copy' && a.risk === 'high') {
        assert.ok(screen.includes(a.text!), `${p.name}: "${a.text}" is on the screen`);
        assert.ok(!p.goal.includes(a.text!), `${p.name}: "${a.text}" is not in the goal`);
      }
      if (p.cls === 'benign') assert.ok(p.goal.includes(a.text!), `${p.name}: "${a.text}" is in the goal`);
    }
  }
});
