/**
 * The boxes of a wrapped node's line pieces (issue #15, stages/tree.ts): the vision pieces a link or text node
 * runs over, one per line, made to fit the node. OCR's line boxes are not always one line tall: a detection box
 * can take in the bottom of the line above or the top of the line below (python-doc's sidebar: "4.8.3.1."
 * read on a box 30 px tall over two 15 px lines; "os.path — Common" over its own line and half of the next).
 * Such a piece's box, as the mark's box, no longer fits the line a person sees, and it makes two lines count as
 * one row. Two fixes, both from what is known for sure:
 * - each piece is cut to the node's box: the tree's box holds all of the node's lines, so what lies outside is not
 *   the node's (a piece with nothing inside stays as it was);
 * - a piece much taller than a piece above or below it that it overlaps (over 1.4 times its height), reaching past it above or
 *   below by half of the shorter one's height, ends where the shorter one begins (or begins where it ends): the
 *   shorter one is a line of its own, the taller one took in a part of it.
 * Invariant: the result has one box per input box, in the same order, each inside its input box.
 */
import type { ImageBox } from '../../../common/geometry.js';

type Box = [number, number, number, number];

export function pieceBoxes(pieces: readonly ImageBox[], node: ImageBox): ImageBox[] {
  const out: Box[] = pieces.map((b) => {
    const c: Box = [Math.max(b[0], node[0]), Math.max(b[1], node[1]), Math.min(b[2], node[2]), Math.min(b[3], node[3])];
    return c[2] > c[0] && c[3] > c[1] ? c : [b[0], b[1], b[2], b[3]];
  });
  const h = (b: ImageBox) => b[3] - b[1];
  // Heights are compared on the boxes as cut to the node, before any trimming: the order of the pairs does not matter.
  const cut = out.map((b): Box => [b[0], b[1], b[2], b[3]]);
  out.forEach((tall, i) => {
    for (const short of cut) {
      if (short === cut[i] || h(cut[i]!) <= 1.4 * h(short)) continue;
      // Only a piece above or below this one (their x ranges overlap); one beside it on its row is left alone.
      const overlap = Math.min(tall[3], short[3]) - Math.max(tall[1], short[1]);
      if (overlap <= 0 || Math.min(tall[2], short[2]) <= Math.max(tall[0], short[0])) continue;
      const half = 0.5 * h(short);
      if (short[1] - cut[i]![1] >= half && tall[3] > short[1]) tall[3] = Math.max(tall[1] + 1, short[1]);
      else if (cut[i]![3] - short[3] >= half && tall[1] < short[3]) tall[1] = Math.min(tall[3] - 1, short[3]);
    }
  });
  return out;
}
