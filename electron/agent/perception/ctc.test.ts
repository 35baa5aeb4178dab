import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ctcAlphabet, ctcGreedy, ctcGreedyIndexed } from './ctc.js';

/** Softmax-like rows: at each step the given class gets p, the rest share what is left. */
function seq(classes: number, steps: [number, number][]): Float32Array {
  const out = new Float32Array(steps.length * classes);
  steps.forEach(([c, p], t) => {
    for (let k = 0; k < classes; k++) out[t * classes + k] = k === c ? p : (1 - p) / (classes - 1);
  });
  return out;
}

describe('CTC alphabet', () => {
  it('puts the blank first and a space last, one class per dictionary line', () => {
    assert.deepEqual(ctcAlphabet('a\nb\nc'), ['', 'a', 'b', 'c', ' ']);
  });
  it('accepts CRLF line ends and a trailing newline without inventing an empty class', () => {
    assert.deepEqual(ctcAlphabet('a\r\nb\r\n'), ['', 'a', 'b', ' ']);
  });
});

describe('CTC greedy decoding', () => {
  const alpha = ctcAlphabet('l\no\nS\nT\nO');
  it('merges repeats, drops blanks and keeps the time-step run of each character', () => {
    // S S _ T _ O O O
    const r = ctcGreedy(seq(alpha.length, [[3, 0.9], [3, 0.8], [0, 0.9], [4, 0.7], [0, 0.9], [5, 0.6], [5, 1], [5, 0.9]]), 0, 8, alpha);
    assert.equal(r.text, 'STO');
    assert.deepEqual(r.chars.map((c) => [c.t0, c.t1]), [[0, 1], [3, 3], [5, 7]]);
    assert.deepEqual(r.chars.map((c) => c.prob), [0.9, 0.7, 1].map(Math.fround));
    assert.ok(Math.abs(r.score - (0.9 + 0.7 + 1) / 3) < 1e-6);
  });

  it('reads a doubled letter only when a blank separates the two', () => {
    assert.equal(ctcGreedy(seq(alpha.length, [[1, 0.9], [1, 0.9], [2, 0.9]]), 0, 3, alpha).text, 'lo');
    assert.equal(ctcGreedy(seq(alpha.length, [[1, 0.9], [0, 0.9], [1, 0.9], [2, 0.9]]), 0, 4, alpha).text, 'llo');
  });

  it('decodes the item at the given offset of a batch', () => {
    const a = seq(alpha.length, [[3, 0.9], [0, 0.9]]);
    const b = seq(alpha.length, [[4, 0.9], [6, 0.9]]);
    const batch = new Float32Array(a.length + b.length);
    batch.set(a);
    batch.set(b, a.length);
    assert.equal(ctcGreedy(batch, a.length, 2, alpha).text, 'T ');
  });

  it('reads nothing, with score 0, from all-blank output', () => {
    const r = ctcGreedy(seq(alpha.length, [[0, 0.99], [0, 0.99]]), 0, 2, alpha);
    assert.deepEqual([r.text, r.score, r.chars.length], ['', 0, 0]);
  });
});

describe('CTC greedy decode from argmax outputs', () => {
  it('gives what the softmax decode gives (runs merged, blanks dropped, repeats split by a blank, max prob per run)', () => {
    const alphabet = ['', 'a', 'b', ' '];
    const steps: [number, number][] = [[0, 0.9], [1, 0.6], [1, 0.8], [0, 0.7], [1, 0.5], [2, 0.9], [3, 0.4], [2, 0.55]];
    const probs = seq(alphabet.length, steps);
    // Two sequences side by side (offset), as a batch gives them.
    const index = Int32Array.from([0, 0, ...steps.map(([c]) => c)]);
    const prob = Float32Array.from([0, 0, ...steps.map(([, p]) => p)]);
    const a = ctcGreedy(probs, 0, steps.length, alphabet);
    const b = ctcGreedyIndexed(index, prob, 2, steps.length, alphabet);
    assert.equal(b.text, 'aab b');
    assert.deepEqual(b, a);
  });
  it('refuses outputs shorter than the steps asked for', () => {
    assert.throws(() => ctcGreedyIndexed(new Int32Array(3), new Float32Array(3), 1, 3, ['', 'a']), RangeError);
  });
});
