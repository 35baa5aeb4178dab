/**
 * Words that name Object.prototype's members ("__proto__", "constructor", "toString") arrive from model replies,
 * typed commands and accessibility trees. Each parser must treat them as the unknown words they are: a structured
 * rejection or "no such thing", never a crash or a function taken for a table entry. CI's S5 fuzz once drew
 * `{"ACTION":"PRESS","VALUE":"__proto__"}` and the parser threw "k.slice is not a function".
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalKey } from '../../electron/common/actions.js';
import type { Element } from '../../electron/common/elements.js';
import { kindOfRole } from '../../electron/agent/perception/stages/tree.js';
import { parseCommands } from '../../electron/agent/planner/command-grammar.js';
import { matchLabel } from '../../electron/agent/planner/label-match.js';
import { parseNavigateReply } from '../../electron/agent/planner/magma-reply.js';
import { parseModelReply } from '../../electron/agent/planner/reply-formats.js';

const NAMES = ['__proto__', 'constructor', 'tostring', 'hasownproperty', 'valueof', '__definegetter__'];
const marks = [0, 1, 2].map((id) => ({ id, bbox: [id * 50, 10, id * 50 + 40, 40] as const }));
const elements: Element[] = [{ id: 0, kind: 'button', bbox: [0, 0, 40, 20], text: 'OK', interactive: true, confidence: 0.9, source: 'ocr' }];
const image = { sentWidth: 200, sentHeight: 100, frameWidth: 200, frameHeight: 100 };

for (const name of NAMES) {
  test(`"${name}" is an unknown key, action, label and role, not a crash`, () => {
    assert.equal(canonicalKey(name), name);
    const press = parseNavigateReply(JSON.stringify({ ACTION: 'PRESS', VALUE: name }), marks);
    assert.ok(!press.ok && /unknown key/.test(press.error), JSON.stringify(press));
    const typed = parseCommands(`press ${name}`);
    assert.ok(!typed.ok, JSON.stringify(typed));
    const som = parseModelReply(JSON.stringify({ Reasoning: 'x', 'Next Action': name, 'Box ID': 1 }), { family: 'generic', image, marks });
    assert.ok(!som.ok && /unknown "Next Action"/.test(som.error), JSON.stringify(som));
    assert.equal(matchLabel(name, elements).ok, false);
    assert.equal(kindOfRole(name, false), undefined);
  });
}

test('the check can fail: real names still resolve', () => {
  assert.equal(canonicalKey('esc'), 'escape');
  assert.ok(parseNavigateReply('{"ACTION": "PRESS", "VALUE": "control+s"}', marks).ok);
  assert.equal(kindOfRole('push button', false), 'button');
});

test('reply keys named like prototype members are plain data: the rest of the reply still parses', () => {
  const r = parseNavigateReply('{"constructor": 1, "__proto__": {"ACTION": "DONE"}, "ACTION": "CLICK", "MARK": 1}', marks);
  assert.deepEqual(r.ok && r.action, { kind: 'click', target: { mark: 1 } });
  const som = parseModelReply('{"__proto__": null, "Next Action": "click", "Box ID": 2}', { family: 'generic', image, marks });
  assert.deepEqual(som.ok && som.action, { kind: 'click', target: { mark: 2 } });
});
