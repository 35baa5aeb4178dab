/**
 * CTC greedy decoding for PaddleOCR's recognizer, keeping WHERE each character was read: the time-step run of a
 * character says which columns of the crop it came from, which is what lets a line be split into elements.
 */

/**
 * The class list of a PaddleOCR rec model from its dictionary text (one character per line): index 0 is the CTC
 * blank, dictionary line k is class k + 1, and a space is appended at the end (PaddleOCR's use_space_char).
 */
export function ctcAlphabet(dictionary: string): string[] {
  const lines = dictionary.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return ['', ...lines, ' '];
}

/** One decoded character: its class, the first and last time step of its run (inclusive) and its probability. */
export interface CtcChar {
  readonly char: string;
  readonly cls: number;
  readonly t0: number;
  readonly t1: number;
  /** Highest softmax probability of the class over its run. */
  readonly prob: number;
}

export interface CtcResult {
  readonly chars: CtcChar[];
  readonly text: string;
  /** Mean character probability (PaddleOCR's rec score); 0 when nothing was read. */
  readonly score: number;
}

/**
 * The one collapse both decoders share: per-step (class, probability) pairs in time order -> characters with their
 * time-step runs. Consecutive repeats merge, blank (class 0) is dropped, a blank between two equal classes separates
 * them; a character's probability is the highest over its run.
 */
function collapse(steps: number, classAt: (t: number) => number, probAt: (t: number) => number, alphabet: readonly string[]): CtcResult {
  const chars: CtcChar[] = [];
  let prev = 0;
  let runStart = 0;
  let runMax = 0;
  const close = (end: number): void => {
    if (prev !== 0) chars.push({ char: alphabet[prev] ?? '', cls: prev, t0: runStart, t1: end, prob: runMax });
  };
  for (let t = 0; t < steps; t++) {
    const best = classAt(t);
    const bestP = probAt(t);
    if (best === prev) {
      if (bestP > runMax) runMax = bestP;
      continue;
    }
    close(t - 1);
    prev = best;
    runStart = t;
    runMax = bestP;
  }
  close(steps - 1);
  const text = chars.map((c) => c.char).join('');
  const score = chars.length ? chars.reduce((s, c) => s + c.prob, 0) / chars.length : 0;
  return { chars, text, score };
}

/**
 * Greedy CTC decode of one sequence: probs[offset + t * classes + c] are softmax outputs for T steps (argmax per
 * step, then the shared collapse).
 */
export function ctcGreedy(probs: Float32Array, offset: number, steps: number, alphabet: readonly string[]): CtcResult {
  const classes = alphabet.length;
  if (offset + steps * classes > probs.length) throw new RangeError('CTC output is shorter than steps x classes');
  const cls = new Int32Array(steps);
  const prob = new Float32Array(steps);
  for (let t = 0; t < steps; t++) {
    const base = offset + t * classes;
    let best = 0;
    let bestP = probs[base]!;
    for (let c = 1; c < classes; c++) {
      const p = probs[base + c]!;
      if (p > bestP) {
        bestP = p;
        best = c;
      }
    }
    cls[t] = best;
    prob[t] = bestP;
  }
  return collapse(steps, (t) => cls[t]!, (t) => prob[t]!, alphabet);
}

/**
 * The same decode from per-step argmax classes and their probabilities (what a recognizer with ctc_index /
 * ctc_prob outputs gives, models/ocr/optimize.py): index[offset + t], prob[offset + t] for T steps.
 */
export function ctcGreedyIndexed(index: Int32Array, prob: Float32Array, offset: number, steps: number, alphabet: readonly string[]): CtcResult {
  if (offset + steps > index.length || offset + steps > prob.length) throw new RangeError('CTC output is shorter than steps');
  return collapse(steps, (t) => index[offset + t]!, (t) => prob[offset + t]!, alphabet);
}
