/**
 * The tiny Magma fixtures (models/magma/fixtures) as the parity and converter tests read them: expected.json, the
 * grounding prompt the reference ran, each case's image as RGBA, and the difference measure they compare with.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RgbaImage } from '../../electron/agent/ports.js';

export const MAGMA_FIXTURES = fileURLToPath(new URL('../../models/magma/fixtures/', import.meta.url));

/** expected.json, typed by each test for the fields it reads. */
export function magmaExpected<T extends { goal: string }>(): T {
  return JSON.parse(readFileSync(join(MAGMA_FIXTURES, 'expected.json'), 'utf8')) as T;
}

/** The grounding question gen_fixtures.py asked the PyTorch reference. */
export const groundingPrompt = (goal: string) =>
  `In this view I need to click a button to "${goal}"? Provide the coordinates and the mark index of the containing bounding box if applicable.`;

/** A case's image: its .rgb file (8-bit RGB rows) as opaque RGBA. */
export function loadFixtureImage(c: { width: number; height: number; rgb: string }): RgbaImage {
  const rgb = readFileSync(join(MAGMA_FIXTURES, c.rgb));
  const data = new Uint8Array(c.width * c.height * 4);
  for (let i = 0; i < c.width * c.height; i++) data.set([rgb[i * 3]!, rgb[i * 3 + 1]!, rgb[i * 3 + 2]!, 255], i * 4);
  return { width: c.width, height: c.height, data };
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length, 'lengths differ');
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}
