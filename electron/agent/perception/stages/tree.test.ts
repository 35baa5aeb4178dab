import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ImageBox } from '../../../common/geometry.js';
import type { RgbaImage } from '../../ports.js';
import type { Merged } from '../merge.js';
import { newFrame, runStages, type TreeItem } from './frame.js';
import { numberStage } from './number.js';
import { drawn, fuseTree, kindOfRole, treeStage } from './tree.js';

/** A white 300x200 screen; what the tests draw on it is what a person would see. */
function screen(w = 300, h = 200): RgbaImage {
  return { width: w, height: h, data: new Uint8Array(w * h * 4).fill(255) };
}
function fill(img: RgbaImage, b: ImageBox, v: number): void {
  for (let y = b[1]; y < b[3]; y++) for (let x = b[0]; x < b[2]; x++) img.data.fill(v, (y * img.width + x) * 4, (y * img.width + x) * 4 + 3);
}
/** A bordered button with a few dark strokes for its label or icon. */
function button(img: RgbaImage, b: ImageBox): void {
  fill(img, b, 120);
  fill(img, [b[0] + 1, b[1] + 1, b[2] - 1, b[3] - 1], 235);
  for (let x = b[0] + 8; x < b[2] - 8; x += 4) fill(img, [x, b[1] + 8, x + 2, b[3] - 8], 20);
}
/** Dark strokes of a text line. */
function text(img: RgbaImage, b: ImageBox): void {
  for (let x = b[0]; x < b[2]; x += 4) fill(img, [x, b[1], x + 2, b[3]], 20);
}

const states = { enabled: true, focused: false, editable: false, showing: true, protected: false };
function node(role: string, name: string, box: ImageBox, more: Partial<TreeItem> = {}): TreeItem {
  return { role, name, states, box, app: 'test-app', ...more };
}
function seen(kind: Merged['kind'], t: string, box: ImageBox, source = 'ocr+widget'): Merged {
  return { kind, box, text: t, interactive: kind !== 'text', confidence: 0.9, source };
}

describe('fusing the accessibility tree with vision', () => {
  it('a button both found is one element with the tree\'s box and name, source a11y+vision', () => {
    const img = screen();
    button(img, [20, 20, 100, 50]);
    const r = fuseTree([seen('button', 'save', [24, 23, 97, 49])], [node('push button', 'Save', [20, 20, 100, 50])], img);
    assert.deepEqual(r.merged, [{ kind: 'button', box: [20, 20, 100, 50], text: 'Save', interactive: true, confidence: 0.95, source: 'a11y+vision' }]);
  });

  it('an icon button only the tree names, with pixels drawn there, is kept: source a11y, and the prompt can say no text was read', () => {
    const img = screen();
    button(img, [200, 10, 230, 40]);
    const r = fuseTree([], [node('push button', 'Settings', [200, 10, 230, 40])], img);
    assert.deepEqual(r.merged.map((m) => [m.kind, m.text, m.source, m.interactive, m.shown]), [['button', 'Settings', 'a11y', true, '']]);
  });

  it('a node over plain background (hidden, or not drawn) is dropped', () => {
    const img = screen();
    const r = fuseTree([], [node('push button', 'Hidden page button', [50, 100, 150, 130])], img);
    assert.deepEqual(r.merged, []);
    assert.equal(r.counts.notDrawn, 1);
  });

  it('an empty field with a border is drawn, though its inside is plain', () => {
    const img = screen();
    fill(img, [40, 60, 200, 86], 120);
    fill(img, [41, 61, 199, 85], 255);
    assert.equal(drawn(img, [41, 61, 199, 85]), true);
    assert.equal(drawn(img, [41, 100, 199, 125]), false);
    const r = fuseTree([], [node('entry', 'Search', [41, 61, 199, 85], { states: { ...states, editable: true } })], img);
    assert.deepEqual(r.merged.map((m) => [m.kind, m.text, m.interactive]), [['field', 'Search', true]]);
  });

  it('a flat node that has the keyboard focus stays (an empty input line whose caret blinked off)', () => {
    const img = screen();
    const r = fuseTree([], [node('text', '', [5, 100, 290, 130], { states: { ...states, editable: true, focused: true } })], img);
    assert.deepEqual(r.merged.map((m) => [m.kind, m.interactive, m.source]), [['field', true, 'a11y']]);
  });

  it('a letter OCR lost at the edge, or a look-alike it read, is still the same name', () => {
    const img = screen();
    button(img, [20, 20, 100, 50]);
    button(img, [120, 20, 200, 50]);
    const r = fuseTree(
      [seen('button', 'ndo', [20, 20, 100, 50]), seen('button', 'x', [120, 20, 200, 50])],
      [node('push button', 'Undo', [20, 20, 100, 50]), node('push button', '×', [120, 20, 200, 50])],
      img,
    );
    assert.deepEqual(r.merged.map((m) => [m.text, m.shown]), [['Undo', undefined], ['×', undefined]]);
  });

  it("an unnamed control around one named control is one mark with the outer box (GTK 4's menu button)", () => {
    const img = screen();
    button(img, [110, 11, 188, 45]);
    const r = fuseTree([seen('button', 'Basic', [119, 16, 179, 40])], [node('push button', '', [110, 11, 188, 45]), node('toggle button', 'Basic', [119, 16, 179, 40])], img);
    assert.deepEqual(r.merged.map((m) => [m.text, m.box, m.source]), [['Basic', [110, 11, 188, 45], 'a11y+vision']]);
  });

  it("a key read with its drop-down arrow beside the name ('MSv' for 'MS') is still its name", () => {
    const img = screen();
    button(img, [20, 20, 100, 50]);
    const r = fuseTree([seen('button', 'MSv', [20, 20, 100, 50])], [node('toggle button', 'MS', [20, 20, 100, 50])], img);
    assert.equal(r.merged[0]!.shown, undefined);
  });

  it('a node off the image, or mostly off it, is dropped', () => {
    const img = screen();
    button(img, [280, 150, 300, 200]);
    const r = fuseTree([], [node('push button', 'Gone', [400, 20, 460, 50]), node('push button', 'Half gone', [280, 150, 340, 210])], img);
    assert.deepEqual(r.merged, []);
    assert.equal(r.counts.offFrame, 2);
  });

  it('a disabled control stays on screen but is not interactive', () => {
    const img = screen();
    button(img, [20, 20, 100, 50]);
    const r = fuseTree([seen('button', 'Delete', [20, 20, 100, 50])], [node('push button', 'Delete', [20, 20, 100, 50], { states: { ...states, enabled: false } })], img);
    assert.deepEqual(r.merged.map((m) => [m.text, m.interactive, m.source]), [['Delete', false, 'a11y+vision']]);
  });

  it('text vision read where the tree has nothing is kept, source vision', () => {
    const img = screen();
    button(img, [20, 20, 100, 50]);
    text(img, [20, 120, 180, 132]);
    const r = fuseTree([seen('button', 'OK', [20, 20, 100, 50]), seen('text', 'Drawn on a canvas', [20, 120, 180, 132], 'ocr')], [node('push button', 'OK', [20, 20, 100, 50])], img);
    assert.deepEqual(r.merged.map((m) => [m.text, m.source]), [['OK', 'a11y+vision'], ['Drawn on a canvas', 'vision']]);
  });

  it('a tree name the pixels do not show sets `shown` to what they show', () => {
    const img = screen();
    button(img, [20, 20, 140, 50]);
    const r = fuseTree([seen('button', 'Pay ¥39,800', [20, 20, 140, 50])], [node('push button', 'Close', [20, 20, 140, 50])], img);
    assert.deepEqual(r.merged.map((m) => [m.text, m.shown, m.source]), [['Close', 'Pay ¥39,800', 'a11y+vision']]);
  });

  it('OCR noise on the same name is agreement, not another name', () => {
    const img = screen();
    button(img, [20, 20, 140, 50]);
    const r = fuseTree([seen('button', 'Save as', [20, 20, 140, 50])], [node('push button', 'Save As', [20, 20, 140, 50])], img);
    assert.equal(r.merged[0]!.shown, undefined);
  });

  it('a node under text that reaches past its edges (a popup over it) is covered and dropped', () => {
    const img = screen();
    button(img, [20, 20, 100, 50]);
    text(img, [10, 22, 250, 48]);
    const r = fuseTree([seen('text', 'Update ready: restart now', [10, 22, 250, 48], 'ocr')], [node('push button', 'Save', [20, 20, 100, 50])], img);
    assert.deepEqual(r.merged.map((m) => [m.text, m.source]), [['Update ready: restart now', 'vision']]);
    assert.equal(r.counts.covered, 1);
  });

  it("a tree button holding a vision text of its name, and its own label node, is one element", () => {
    const img = screen();
    button(img, [20, 20, 100, 50]);
    const r = fuseTree(
      [seen('text', 'Open', [40, 28, 80, 42], 'ocr')],
      [node('push button', 'Open', [20, 20, 100, 50]), node('label', 'Open', [40, 28, 80, 42])],
      img,
    );
    assert.deepEqual(r.merged.map((m) => [m.kind, m.text, m.box, m.source]), [['button', 'Open', [20, 20, 100, 50], 'a11y+vision']]);
  });

  it('a tree label over a vision text is one element', () => {
    const img = screen();
    text(img, [20, 100, 120, 112]);
    const r = fuseTree([seen('text', 'Volume', [20, 100, 120, 112], 'ocr')], [node('label', 'Volume', [18, 98, 122, 114])], img);
    assert.deepEqual(r.merged.map((m) => [m.kind, m.text, m.interactive, m.source]), [['text', 'Volume', false, 'a11y+vision']]);
  });

  it('a link inside a line of text splits the line when the tree names all of it', () => {
    const img = screen();
    text(img, [20, 100, 220, 112]);
    const r = fuseTree(
      [seen('text', 'Click here to go on', [20, 100, 220, 112], 'ocr')],
      [node('static', 'Click', [20, 100, 70, 112]), node('link', 'here', [74, 100, 120, 112]), node('static', 'to go on', [124, 100, 220, 112])],
      img,
    );
    assert.deepEqual(r.merged.map((m) => [m.kind, m.text, m.source]).sort(), [['link', 'here', 'a11y+vision'], ['text', 'Click', 'a11y+vision'], ['text', 'to go on', 'a11y+vision']]);
  });

  it('roles map to kinds; containers are no element', () => {
    assert.deepEqual(
      ['push button', 'toggle button', 'check box', 'check menu item', 'radio button', 'entry', 'password text', 'spin button', 'link', 'page tab', 'slider', 'scroll bar', 'menu item', 'list item', 'label', 'static', 'icon', 'image', 'frame', 'panel'].map((r) => kindOfRole(r, false)),
      ['button', 'button', 'checkbox', 'checkbox', 'radio', 'field', 'field', 'field', 'link', 'tab', 'slider', 'slider', 'button', 'other', 'text', 'text', 'icon', 'icon', undefined, undefined],
    );
    assert.equal(kindOfRole('text', true), 'field');
    assert.equal(kindOfRole('text', false), 'text');
  });

  it('with the screen parser off, the tree alone gives the elements and nothing is claimed about the pixels', () => {
    const img = screen();
    button(img, [20, 20, 100, 50]);
    const r = fuseTree([], [node('push button', 'Save', [20, 20, 100, 50]), node('push button', 'Hidden', [20, 120, 100, 150])], img, { vision: false });
    assert.deepEqual(r.merged.map((m) => [m.text, m.source, m.shown]), [['Save', 'a11y', undefined]]);
  });

  it('the stage leaves vision-only frames exactly as they were when no tree came', async () => {
    const img = screen();
    const merged = [seen('button', 'OK', [20, 20, 100, 50]), seen('text', 'Hello', [20, 120, 180, 132], 'ocr')];
    const run = async (tree?: TreeItem[]) => {
      const ctx = newFrame(img, {}, undefined, tree);
      ctx.merged = merged.slice();
      await runStages(ctx, [treeStage(), numberStage()]);
      return ctx.elements;
    };
    const plain = newFrame(img, {});
    plain.merged = merged.slice();
    await runStages(plain, [numberStage()]);
    assert.deepEqual(await run(undefined), plain.elements);
    assert.deepEqual(await run([]), plain.elements);
    assert.deepEqual(plain.elements.map((e) => e.source), ['ocr+widget', 'ocr']);
  });

  it('a link wrapped onto two lines is one mark per line, each on its own line\'s text, with the link\'s role', () => {
    const img = screen();
    text(img, [20, 100, 180, 112]);
    text(img, [20, 116, 90, 128]);
    const r = fuseTree(
      [seen('text', 'Installing Python', [20, 100, 180, 112], 'ocr'), seen('text', 'Modules', [20, 116, 90, 128], 'ocr')],
      [node('link', 'Installing Python Modules', [20, 100, 180, 128])],
      img,
    );
    assert.deepEqual(r.merged.map((m) => [m.kind, m.text, m.box, m.interactive, m.source]), [
      ['link', 'Installing Python', [20, 100, 180, 112], true, 'a11y+vision'],
      ['link', 'Modules', [20, 116, 90, 128], true, 'a11y+vision'],
    ]);
  });

  it('a wrapped link whose line boxes overlap by a few pixels (OCR pads them) is still one mark per line', () => {
    const img = screen();
    text(img, [20, 100, 180, 114]);
    text(img, [20, 112, 90, 126]);
    const r = fuseTree(
      [seen('link', '4.7. Defining', [20, 100, 180, 114], 'ocr'), seen('link', 'Functions', [20, 112, 90, 126], 'ocr')],
      [node('link', '4.7. Defining Functions', [20, 100, 180, 126])],
      img,
    );
    assert.deepEqual(r.merged.map((m) => [m.kind, m.text, m.box, m.source]), [
      ['link', '4.7. Defining', [20, 100, 180, 114], 'a11y+vision'],
      ['link', 'Functions', [20, 112, 90, 126], 'a11y+vision'],
    ]);
  });

  it('a link that starts and ends mid-line, wrapped onto two lines, is one mark per line piece; the rest of each line stays text', () => {
    const img = screen();
    text(img, [20, 100, 200, 112]);
    text(img, [20, 116, 160, 128]);
    // The tree gives one box over both lines (left margin to the first line's end); each vision line also holds
    // words that are not the link's.
    const r = fuseTree(
      [seen('text', 'Read the Installing Python', [20, 100, 200, 112], 'ocr'), seen('text', 'Modules guide first.', [20, 116, 160, 128], 'ocr')],
      [node('link', 'Installing Python Modules', [20, 100, 200, 128])],
      img,
    );
    const links = r.merged.filter((m) => m.kind === 'link');
    assert.deepEqual(links.map((m) => [m.text, m.interactive, m.source]), [
      ['Installing Python', true, 'a11y+vision'],
      ['Modules', true, 'a11y+vision'],
    ]);
    // Each piece's box lies on its line, on the link's words: after "Read the" on the first, before "guide" on the second.
    const [a, b] = links.map((m) => m.box);
    assert.ok(a![0] > 60 && a![2] === 200 && a![1] === 100 && a![3] === 112, `first piece ${a}`);
    assert.ok(b![0] === 20 && b![2] < 80 && b![1] === 116 && b![3] === 128, `second piece ${b}`);
    assert.deepEqual(r.merged.filter((m) => m.kind !== 'link').map((m) => [m.kind, m.text, m.source]), [
      ['text', 'Read the', 'vision'],
      ['text', 'guide first.', 'vision'],
    ]);
  });

  // The four below are python-doc pages in Chromium (the web-tree eval, B4), boxes as traced there.
  it("a link OCR boxed past its edges (taking in the next line's top) is still found: one mark on the link, named by the tree", () => {
    const img = screen(300, 340);
    text(img, [36, 286, 123, 298]);
    text(img, [36, 303, 122, 315]);
    const r = fuseTree(
      [seen('text', 'Report aBug', [32, 282, 127, 316], 'ocr'), seen('link', 'Show Source', [35, 301, 123, 316], 'ocr+colour')],
      [node('link', 'Report a Bug', [36, 284, 123, 300]), node('link', 'Show Source', [36, 302, 122, 318])],
      img,
    );
    assert.deepEqual([...r.merged].sort((a, b) => a.box[1] - b.box[1]).map((m) => [m.kind, m.text, m.box, m.interactive, m.source]), [
      ['link', 'Report a Bug', [36, 284, 123, 300], true, 'a11y+vision'],
      ['link', 'Show Source', [36, 302, 122, 318], true, 'a11y+vision'],
    ]);
    assert.equal(r.counts.covered, 0);
  });

  it("a wrapped link whose first line OCR boxed over half of the second is one mark per line, each on its own line", () => {
    const img = screen(300, 240);
    text(img, [36, 167, 175, 180]);
    text(img, [36, 184, 203, 197]);
    const r = fuseTree(
      [seen('text', 'ostpath- Commont', [36, 165, 178, 195], 'ocr'), seen('link', 'pathname manipulations', [34, 181, 205, 201], 'ocr+colour')],
      [node('link', 'os.path — Common pathname manipulations', [36, 166, 203, 199])],
      img,
    );
    assert.deepEqual(r.merged.map((m) => [m.kind, m.box, m.interactive, m.source]), [
      ['link', [36, 166, 178, 181], true, 'a11y+vision'],
      ['link', [36, 181, 203, 199], true, 'a11y+vision'],
    ]);
  });

  it('a wrapped link whose box also covers other text on its two rows is one mark per link piece; the text stays text', () => {
    const img = screen(1100, 700);
    text(img, [294, 581, 466, 598]);
    text(img, [974, 581, 1024, 598]);
    text(img, [295, 604, 366, 619]);
    text(img, [368, 604, 1046, 621]);
    // "magic" ends the first row and "methods" starts the next; the tree's box spans both rows whole.
    const r = fuseTree(
      [
        seen('text', 'other techniques like', [294, 579, 466, 600], 'ocr'),
        seen('link', 'magic', [974, 579, 1026, 600], 'ocr+colour'),
        seen('link', 'methods', [294, 602, 368, 620], 'ocr+colour'),
        seen('text', '). ABCs introduce virtual subclasses', [364, 602, 1048, 623], 'ocr'),
      ],
      [node('link', 'magic methods', [295, 579, 1024, 621])],
      img,
    );
    assert.deepEqual(r.merged.filter((m) => m.kind === 'link').map((m) => [m.text, m.box, m.interactive, m.source]), [
      ['magic', [974, 579, 1024, 600], true, 'a11y+vision'],
      ['methods', [295, 602, 368, 620], true, 'a11y+vision'],
    ]);
    assert.deepEqual(r.merged.filter((m) => m.kind !== 'link').map((m) => [m.text, m.source]), [
      ['other techniques like', 'vision'],
      ['). ABCs introduce virtual subclasses', 'vision'],
    ]);
  });

  it("a wrapped link whose first line's OCR box also covers the line above is one mark per line, the first on its own line", () => {
    const img = screen(300, 700);
    text(img, [76, 570, 156, 584]);
    text(img, [96, 588, 147, 601]);
    text(img, [96, 605, 165, 618]);
    text(img, [96, 622, 171, 635]);
    text(img, [96, 640, 171, 653]);
    const r = fuseTree(
      [
        seen('link', 'parameters', [74, 568, 156, 587], 'ocr+colour'),
        seen('link', '4.8.3.1.', [77, 574, 150, 604], 'ocr+colour'),
        seen('link', 'Positional-', [95, 603, 166, 618], 'ocr+colour'),
        seen('link', 'or-Keyword', [94, 619, 172, 639], 'ocr+colour'),
        seen('link', 'Arguments', [93, 638, 172, 657], 'ocr+colour'),
      ],
      [node('link', '4.8.3. Special parameters', [76, 552, 167, 585]), node('link', '4.8.3.1. Positional-or-Keyword Arguments', [96, 586, 171, 654])],
      img,
    );
    const pieces = r.merged.filter((m) => m.text !== 'parameters' && m.text !== '4.8.3. Special parameters');
    assert.deepEqual(pieces.map((m) => [m.kind, m.text, m.box, m.source]), [
      ['link', '4.8.3.1.', [96, 586, 150, 604], 'a11y+vision'],
      ['link', 'Positional-', [96, 603, 166, 618], 'a11y+vision'],
      ['link', 'or-Keyword', [96, 619, 171, 639], 'a11y+vision'],
      ['link', 'Arguments', [96, 638, 171, 654], 'a11y+vision'],
    ]);
  });

  it('a link on a line OCR could not read (three letters over the whole line) is kept from the tree, not dropped as covered', () => {
    const img = screen(1100, 320);
    text(img, [265, 277, 844, 293]);
    const r = fuseTree(
      [seen('text', 'stt', [265, 275, 844, 296], 'ocr')],
      [node('link', 'os.PathLike', [663, 274, 768, 294]), node('static', 'protocol.', [767, 274, 843, 294])],
      img,
    );
    const link = r.merged.find((m) => m.kind === 'link');
    // Nothing was read on the link, and the prompt says so (shown ''); the unreadable line stays as vision found it.
    assert.deepEqual(link && [link.text, link.box, link.interactive, link.source, link.shown], ['os.PathLike', [663, 274, 768, 294], true, 'a11y', '']);
    assert.ok(r.merged.some((m) => m.text === 'stt' && m.source === 'vision'));
    assert.equal(r.counts.covered, 0);
  });

  it('a spin button holding its entry and its - and + buttons keeps three marks, not one box centred on -', () => {
    const img = screen();
    fill(img, [20, 20, 200, 50], 120);
    fill(img, [21, 21, 199, 49], 255);
    text(img, [26, 28, 50, 42]);
    button(img, [140, 21, 170, 49]);
    button(img, [170, 21, 199, 49]);
    const r = fuseTree(
      [seen('field', '50', [21, 21, 139, 49]), seen('button', '-', [140, 21, 170, 49]), seen('button', '+', [170, 21, 199, 49])],
      [node('spin button', '', [20, 20, 200, 50], { states: { ...states, editable: true } })],
      img,
    );
    assert.deepEqual(r.merged.map((m) => [m.kind, m.text, m.box]), [
      ['field', '50', [21, 21, 139, 49]],
      ['button', '-', [140, 21, 170, 49]],
      ['button', '+', [170, 21, 199, 49]],
    ]);
  });
});
