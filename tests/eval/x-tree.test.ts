import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { outerBox, parseXTree, xcalcKeys } from './x-tree.js';

// The shape of `xwininfo -root -tree` for a resized xcalc (rows of keys whose tops differ by a pixel, an LCD bevel
// with children of its own), cut to two rows of keys.
const SAMPLE = `
xwininfo: Window id: 0x50d (the root window) (has no name)

  Root window id: 0x50d (the root window) (has no name)
  Parent window id: 0x0 (none)
     2 children:
     0x200014 "Calculator": ("xcalc" "XCalc")  300x400+60+60  +60+60
        1 child:
        0x200015 (has no name): ()  300x400+0+0  +61+61
           5 children:
           0x200051 (has no name): ()  287x46+5+2  +66+63
              1 child:
              0x200052 (has no name): ()  272x38+7+2  +74+66
           0x200050 (has no name): ()  54x27+63+93  +124+155
           0x20004f (has no name): ()  54x27+5+62  +66+123
           0x20004e (has no name): ()  53x27+63+62  +124+124
           0x20004d (has no name): ()  54x26+5+93  +66+154
     0x400001 "xmessage": ("xmessage" "Xmessage")  200x80+400+60  +400+60
`;

describe('the X window tree', () => {
  it("finds xcalc's keys at any size as the form's leaf windows, in the layout's row-major order", () => {
    const keys = xcalcKeys(parseXTree(SAMPLE));
    assert.deepEqual(keys.map((k) => [k.ax, k.ay, k.w, k.h]), [
      [66, 123, 54, 27],
      [124, 124, 53, 27],
      [66, 154, 54, 26],
      [124, 155, 54, 27],
    ]);
    // The key's border lies outside what xwininfo reports.
    assert.deepEqual(outerBox(keys[0]!), [65, 122, 121, 151]);
  });

  it('nests windows by indentation and keeps names', () => {
    const top = parseXTree(SAMPLE);
    assert.deepEqual(top.map((w) => w.name), ['Calculator', 'xmessage']);
    assert.equal(top[0]!.children[0]!.children.length, 5);
    assert.equal(top[1]!.children.length, 0);
  });

  it('finds no keys where there is no xcalc', () => {
    assert.deepEqual(xcalcKeys(parseXTree(SAMPLE.replace('"Calculator"', '"Other"'))), []);
  });
});
