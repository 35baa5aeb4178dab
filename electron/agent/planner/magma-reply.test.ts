import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ActionSchema, actionTargets, type Action } from '../../common/actions.js';
import { parseAnswerReply, parseGroundingReply, parseNavigateReply, type MarkRef, type ReplyParse } from './magma-reply.js';

const marks: MarkRef[] = Array.from({ length: 20 }, (_, i) => ({ id: i, bbox: [i * 10, i * 5, i * 10 + 8, i * 5 + 4] as const }));

function action(r: ReplyParse): Action {
  assert.ok(r.ok, r.ok ? '' : r.error);
  return r.action;
}

describe('Magma grounding replies', () => {
  it('a Mark wins over the coordinates and becomes a click on that mark', () => {
    assert.deepEqual(action(parseGroundingReply('Coordinate: (0.04, 0.12). Mark: 12', marks)), { kind: 'click', target: { mark: 12 } });
  });
  it('a box reply with a Mark and a trailing period clicks the mark', () => {
    assert.deepEqual(action(parseGroundingReply('Coordinate: (0.1, 0.2, 0.3, 0.4). Mark: 2.', marks)), { kind: 'click', target: { mark: 2 } });
  });
  it('an unknown mark is an error that names the mark, never a click at the coordinates', () => {
    const r = parseGroundingReply('Coordinate: (0.04, 0.12). Mark: 57', marks);
    assert.equal(r.ok, false);
    assert.match(r.ok ? '' : r.error, /mark 57/);
  });
  it('a mark that is not a whole number, or coordinates that are not plain numbers, are errors and not clicks', () => {
    for (const [reply, why] of [
      ['Mark: 1.5', /not one whole number/], ['Mark: 9e308', /not one whole number/], ['Mark: 3abc', /not one whole number/],
      ['Coordinate: (0x1F, NaN)', /not plain numbers/], ['Coordinate: (0.5, Infinity)', /not plain numbers/],
    ] as const) {
      const r = parseGroundingReply(reply, marks);
      assert.ok(!r.ok && why.test(r.error), `${reply}: ${JSON.stringify(r)}`);
    }
  });
  it('several Coordinate/Mark pairs take the first pair', () => {
    assert.deepEqual(action(parseGroundingReply('Coordinate: (0.5, 0.5). Mark: 3\nCoordinate: (0.1, 0.1). Mark: 4', marks)), { kind: 'click', target: { mark: 3 } });
    const pts = parseGroundingReply('Coordinate: (0.5, 0.25). Coordinate: (0.1, 0.1).', marks);
    assert.deepEqual(action(pts), { kind: 'click', target: { point: { space: 'normalized', x: 0.5, y: 0.25 } } });
  });
  it('a <box> in 0-1000 units clicks its centre in the box1000 space', () => {
    assert.deepEqual(action(parseGroundingReply('<box>100 200 300 400</box>', marks)), { kind: 'click', target: { point: { space: 'box1000', x: 200, y: 300 } } });
    assert.deepEqual(action(parseGroundingReply('The button <box>(10,20),(30,40)</box>', marks)), { kind: 'click', target: { point: { space: 'box1000', x: 20, y: 30 } } });
  });
  it('two numbers are a normalized point, x first', () => {
    assert.deepEqual(action(parseGroundingReply('Coordinate: (0.04, 0.12).', marks)), { kind: 'click', target: { point: { space: 'normalized', x: 0.04, y: 0.12 } } });
  });
  it('four numbers are a normalized box whose centre is clicked', () => {
    const a = action(parseGroundingReply('Coordinate: (0.1, 0.2, 0.3, 0.6)', marks));
    assert.equal(a.kind, 'click');
    const t = actionTargets(a)[0]!;
    assert.ok('point' in t);
    assert.ok(Math.abs(t.point.x - 0.2) < 1e-12 && Math.abs(t.point.y - 0.4) < 1e-12);
  });
  it('the Mark part is stripped before the numbers are read, so a bare "Mark:" does not add a number', () => {
    assert.deepEqual(action(parseGroundingReply('Coordinate: (0.3, 0.7). Mark: none', marks)), { kind: 'click', target: { point: { space: 'normalized', x: 0.3, y: 0.7 } } });
  });
  it('coordinates outside 0..1 are an error, not clamped', () => {
    assert.equal(parseGroundingReply('Coordinate: (1.5, 0.2)', marks).ok, false);
    assert.equal(parseGroundingReply('Coordinate: (-0.1, 0.2)', marks).ok, false);
    assert.equal(parseGroundingReply('<box>100 200 1300 400</box>', marks).ok, false);
  });
  it('three numbers, no numbers and empty text are errors', () => {
    assert.equal(parseGroundingReply('Coordinate: (0.1, 0.2, 0.3)', marks).ok, false);
    assert.equal(parseGroundingReply('I cannot see it', marks).ok, false);
    assert.equal(parseGroundingReply('', marks).ok, false);
  });
});

describe('Magma navigate replies', () => {
  it('a Mind2Web CLICK on a known mark is a click on that mark', () => {
    assert.deepEqual(action(parseNavigateReply('{"ACTION": "CLICK", "MARK": 5, "VALUE": "None"}', marks)), { kind: 'click', target: { mark: 5 } });
  });
  it('a Python-style dict with None and single quotes parses as data', () => {
    assert.deepEqual(action(parseNavigateReply("Next: {'ACTION': 'TYPE', 'MARK': 3, 'VALUE': 'new york'} done", marks)), { kind: 'type', text: 'new york', target: { mark: 3 } });
  });
  it('SELECT types the option text into the marked control', () => {
    assert.deepEqual(action(parseNavigateReply('{"ACTION": "SELECT", "MARK": "4", "VALUE": "Economy"}', marks)), { kind: 'type', text: 'Economy', target: { mark: 4 } });
  });
  it('SCROLL, PRESS and DONE map to scroll, press and done', () => {
    assert.deepEqual(action(parseNavigateReply('{"ACTION": "SCROLL", "MARK": None, "VALUE": "down 3"}', marks)), { kind: 'scroll', direction: 'down', amount: 3 });
    assert.deepEqual(action(parseNavigateReply('{"ACTION": "PRESS", "VALUE": "Control+S"}', marks)), { kind: 'press', keys: ['ctrl', 's'] });
    assert.deepEqual(action(parseNavigateReply('{"ACTION": "DONE", "VALUE": "booked"}', marks)), { kind: 'done', summary: 'booked' });
  });
  it('a CLICK on an unknown mark is an error', () => {
    const r = parseNavigateReply('{"ACTION": "CLICK", "MARK": 99, "VALUE": null}', marks);
    assert.equal(r.ok, false);
    assert.match(r.ok ? '' : r.error, /mark 99/);
  });
  it('an unknown ACTION, a CLICK without a mark and a TYPE without text are errors', () => {
    assert.equal(parseNavigateReply('{"ACTION": "HOVER", "MARK": 1}', marks).ok, false);
    assert.equal(parseNavigateReply('{"ACTION": "CLICK", "MARK": None}', marks).ok, false);
    assert.equal(parseNavigateReply('{"ACTION": "TYPE", "MARK": 1, "VALUE": None}', marks).ok, false);
    assert.equal(parseNavigateReply('{"ACTION": "PRESS", "VALUE": "ctrl+banana"}', marks).ok, false);
    assert.equal(parseNavigateReply('CLICK 5', marks).ok, false);
  });
  it('the question answer is the trimmed reply and an empty one is an error', () => {
    assert.deepEqual(action(parseAnswerReply('  Paris.\n')), { kind: 'answer', text: 'Paris.' });
    assert.equal(parseAnswerReply('   ').ok, false);
  });
});

/** Every action a parser returns is valid and every target lies inside its space or names a known mark. */
function inRange(a: Action): boolean {
  if (!ActionSchema.safeParse(a).success) return false;
  return actionTargets(a).every((t) => {
    if ('mark' in t) return marks.some((m) => m.id === t.mark);
    const max = t.point.space === 'normalized' ? 1 : t.point.space === 'box1000' ? 1000 : Number.NaN;
    return t.point.x >= 0 && t.point.y >= 0 && t.point.x <= max && t.point.y <= max;
  });
}

const fragments = fc.constantFrom(
  'Coordinate: ', 'Mark: ', '(', ')', ', ', '.', '<box>', '</box>', '{', '}', '"ACTION"', '"MARK"', '"VALUE"', ': ',
  '"CLICK"', '"TYPE"', '"SCROLL"', '"PRESS"', '"DONE"', 'None', "'", '"', '\n', 'e9', '-', '1e400', 'NaN', 'Infinity',
);
const numbers = fc.oneof(fc.double({ noNaN: false }), fc.integer({ min: -5, max: 100_000 }), fc.constantFrom(0, 1, 0.5, 1000, 99)).map(String);
const malformed = fc.array(fc.oneof(fragments, numbers, fc.string({ maxLength: 8 })), { maxLength: 40 }).map((p) => p.join(''));

describe('Magma reply parsing, properties', () => {
  it('no grounding reply, however malformed, throws or yields an action out of range', () => {
    fc.assert(
      fc.property(fc.oneof(malformed, fc.string({ maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 100 })), (s) => {
        const r = parseGroundingReply(s, marks);
        return r.ok ? inRange(r.action) : typeof r.error === 'string' && r.error.length > 0;
      }),
      { numRuns: 3000 },
    );
  });
  it('no navigate reply, however malformed, throws or yields an action out of range', () => {
    fc.assert(
      fc.property(fc.oneof(malformed, fc.string({ maxLength: 200 })), (s) => {
        const r = parseNavigateReply(s, marks);
        return r.ok ? inRange(r.action) : typeof r.error === 'string' && r.error.length > 0;
      }),
      { numRuns: 3000 },
    );
  });
  it('a well-formed point reply round-trips its numbers', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (x, y) => {
        const r = parseGroundingReply(`Coordinate: (${x}, ${y}).`, marks);
        return r.ok && r.action.kind === 'click' && 'point' in r.action.target && r.action.target.point.x === x && r.action.target.point.y === y;
      }),
    );
  });
  it('any mark number in a reply is a click on that mark exactly when the mark exists', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (n) => {
        const r = parseGroundingReply(`Coordinate: (0.1, 0.2). Mark: ${n}`, marks);
        return n < marks.length ? r.ok && r.action.kind === 'click' && 'mark' in r.action.target && r.action.target.mark === n : !r.ok;
      }),
    );
  });
  it('a navigate JSON reply never clicks a mark that is not on screen', () => {
    fc.assert(
      fc.property(fc.constantFrom('CLICK', 'TYPE', 'SELECT', 'SCROLL'), fc.integer({ min: -3, max: 200 }), fc.string({ maxLength: 10 }), (a, m, v) => {
        const r = parseNavigateReply(JSON.stringify({ ACTION: a, MARK: m, VALUE: v }), marks);
        return r.ok ? inRange(r.action) : true;
      }),
    );
  });
});
