/**
 * #16: Magma preprocessing on a worker thread. Same bytes as the in-thread function on the repo's fixture images;
 * the main thread's event loop keeps running while a 4K screenshot is prepared (the in-thread path blocks it); a
 * crashed, exited or stopped thread gives a clear error and the next call works on a fresh one; an abort cancels
 * the wait.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { decodeImage } from '../../adapters/image-codec.js';
import { readBundle } from '../../adapters/magma-bundle.js';
import type { RgbaImage, TensorSession } from '../ports.js';
import { loadFixtureImage, MAGMA_FIXTURES, magmaExpected } from '../../../tests/support/magma-fixtures.js';
import { MagmaError, MagmaModel, type MagmaSpec } from './magma-model.js';
import { preprocessImage, type PreprocessConfig, type PreprocessedImage } from './preprocess.js';
import { PreprocessWorker, PreprocessWorkerError } from './preprocess-in-worker.js';

const FULL: PreprocessConfig = { cropSize: 512, maxCrops: 4 }; // Magma-8B's crops
const PERCEPTION = new URL('../../../tests/fixtures/perception/', import.meta.url);
const CRASHING = new URL('../../../tests/support/crashing-preprocess-worker.ts', import.meta.url);

/** A desktop-like 8-bit image (gradients and a checkerboard), as the benchmarks draw it. */
function screenshot(width: number, height: number): RgbaImage {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      data.set([(x * 255) / (width - 1), (y * 255) / (height - 1), ((Math.floor(x / 40) + Math.floor(y / 40)) % 2) * 200, 255], i);
    }
  }
  return { width, height, data };
}

function assertSameBytes(got: PreprocessedImage, want: PreprocessedImage, what: string): void {
  assert.deepEqual(got.grid, want.grid, `${what}: grid`);
  assert.deepEqual([...got.dims], [...want.dims], `${what}: dims`);
  assert.ok(Buffer.from(got.pixels.buffer, got.pixels.byteOffset, got.pixels.byteLength).equals(Buffer.from(want.pixels.buffer, want.pixels.byteOffset, want.pixels.byteLength)), `${what}: pixel bytes differ`);
}

/** Counts setInterval ticks while `work` runs: a blocked event loop counts none. */
async function ticksDuring<T>(work: () => T | Promise<T>): Promise<{ ticks: number; ms: number; value: T }> {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 1);
  await new Promise((r) => setTimeout(r, 5)); // the interval is armed
  ticks = 0;
  const t = performance.now();
  try {
    const value = await work();
    return { ticks, ms: performance.now() - t, value };
  } finally {
    clearInterval(timer);
  }
}

const pools: PreprocessWorker[] = [];
/** One thread unless asked (the default follows the machine's cores). */
const pool = (entry?: URL, threads = 1) => {
  const p = new PreprocessWorker({ ...(entry ? { entry } : {}), threads });
  pools.push(p);
  return p;
};
after(() => Promise.all(pools.map((p) => p.close())));

describe('Magma preprocessing on a worker thread', () => {
  it('gives byte-identical tensors to the in-thread function on the Magma fixture images and the 1280x800 and 1920x1080 screenshots', async () => {
    const w = pool();
    const bundle = readBundle(join(MAGMA_FIXTURES, 'tiny-fp32'));
    const cases = magmaExpected<{ goal: string; cases: Array<{ name: string; images: Array<{ width: number; height: number; rgb: string }> }> }>().cases;
    let n = 0;
    for (const c of cases) {
      for (const [i, im] of c.images.entries()) {
        const img = loadFixtureImage(im);
        assertSameBytes(await w.run(img, bundle.manifest.vision), preprocessImage(img, bundle.manifest.vision), `${c.name} image ${i}`);
        n++;
      }
    }
    for (const f of ['xcalc-1280x800.png', 'xedit-1920x1080.png']) {
      const img = await decodeImage(new URL(f, PERCEPTION).pathname);
      const before = img.data.slice();
      assertSameBytes(await w.run(img, FULL), preprocessImage(img, FULL), f);
      assert.ok(Buffer.from(img.data).equals(Buffer.from(before)), `${f}: the caller's frame is left as it was`);
      n++;
    }
    assert.equal(n, 8);
    assert.equal(w.threadsStarted, 1, 'one thread served every image');
  });

  it('a recycled pixel tensor is filled again by the next screenshot of its size: same bytes as a fresh one; other sizes get a fresh buffer', async () => {
    const w = pool();
    const a = screenshot(1920, 1080);
    const b = screenshot(1280, 800);
    const first = await w.run(a, FULL);
    w.recycle(first.pixels);
    const second = await w.run(b, FULL); // a 2x2 grid too: same length, so the recycled buffer is reused
    assert.equal(first.pixels.length, 0, 'the recycled buffer went to the thread with the next job');
    assertSameBytes(second, preprocessImage(b, FULL), '1280x800 into a recycled buffer');
    w.recycle(second.pixels);
    const small = await w.run(screenshot(640, 320), FULL); // a 1x2 grid: shorter, so a buffer of its own
    assertSameBytes(small, preprocessImage(screenshot(640, 320), FULL), '640x320 after a recycled 2x2 buffer');
    w.recycle(small.pixels.subarray(10));
    const again = await w.run(a, FULL);
    assert.equal(small.pixels.length, 2 * 3 * 512 * 512, 'a view into a tensor is not taken');
    assertSameBytes(again, preprocessImage(a, FULL), '1920x1080 again');
  });

  it('keeps the main event loop ticking while a 4K screenshot is prepared, where the in-thread call blocks it', async () => {
    const img = screenshot(3840, 2160);
    const w = pool();
    await w.run(screenshot(64, 48), FULL); // the thread is up: its start-up is not the point here
    const inThread = await ticksDuring(() => preprocessImage(img, FULL));
    const onWorker = await ticksDuring(() => w.run(img, FULL));
    assertSameBytes(onWorker.value, inThread.value, '4K screenshot');
    assert.equal(inThread.ticks, 0, `the in-thread call blocks the loop for its ${inThread.ms.toFixed(0)} ms`);
    assert.ok(onWorker.ticks >= 3, `the loop ticked ${onWorker.ticks} times in ${onWorker.ms.toFixed(0)} ms on the worker path`);
  });

  it('MagmaModel prepares a step\'s images on its worker: the loop ticks, the bytes are the in-thread ones, and an abort is "generation was cancelled"', async () => {
    const bundle = readBundle(join(MAGMA_FIXTURES, 'tiny-fp32'));
    const spec: MagmaSpec = { ...bundle.manifest, vision: { ...bundle.manifest.vision, ...FULL } };
    const unused: TensorSession = { inputNames: [], outputNames: [], provider: 'none', run: () => Promise.reject(new Error('not used')), release: () => Promise.resolve() };
    const tok = { encode: () => [], decode: () => '' };
    const make = (preprocessOnWorker?: boolean) => new MagmaModel({ vision: unused, embed: unused, decoder: unused }, tok, spec, preprocessOnWorker === undefined ? {} : { preprocessOnWorker });
    const img = screenshot(3840, 2160);
    const m = make();
    await m.preprocessAll([screenshot(64, 48)]);
    const onWorker = await ticksDuring(() => m.preprocessAll([img]));
    const inThread = await ticksDuring(() => make(false).preprocessAll([img]));
    assertSameBytes(onWorker.value[0]!, inThread.value[0]!, 'MagmaModel 4K');
    assert.equal(inThread.ticks, 0, 'preprocessOnWorker: false blocks the loop');
    assert.ok(onWorker.ticks >= 3, `the loop ticked ${onWorker.ticks} times in ${onWorker.ms.toFixed(0)} ms`);
    const ac = new AbortController();
    const pending = m.preprocessAll([img], ac.signal);
    ac.abort();
    await assert.rejects(pending, (e: Error) => e instanceof MagmaError && e.message === 'generation was cancelled');
  });

  it('a thread that crashes or exits mid-job gives a clear error, and the next call works on a fresh thread', async () => {
    const w = pool(CRASHING);
    const ok = screenshot(200, 120);
    assertSameBytes(await w.run(ok, FULL), preprocessImage(ok, FULL), 'before the crash');
    await assert.rejects(w.run(screenshot(13, 13), FULL), (e: Error) => {
      assert.ok(e instanceof PreprocessWorkerError, `${e.name}: ${e.message}`);
      assert.match(e.message, /^Preparing the screenshot for the model did not finish: the helper thread that prepares it stopped \(it crashed: simulated bug in the preprocessing thread\)\. This step was not run\. Try the step again/);
      return true;
    });
    assertSameBytes(await w.run(ok, FULL), preprocessImage(ok, FULL), 'after the crash');
    await assert.rejects(w.run(screenshot(14, 14), FULL), /stopped \(it ended unexpectedly \(exit code 3\)\)\. This step was not run/);
    assertSameBytes(await w.run(ok, FULL), preprocessImage(ok, FULL), 'after the exit');
    assert.equal(w.threadsStarted, 3, 'a fresh thread after each failure');
  });

  it('stopping the thread while a job waits rejects that job (never left hanging), and the next call starts a fresh thread', async () => {
    const w = pool();
    const img = screenshot(3840, 2160);
    const job = w.run(img, FULL);
    setTimeout(() => void w.close(), 20);
    await assert.rejects(job, (e: Error) => e instanceof PreprocessWorkerError && /it was stopped before it finished/.test(e.message));
    const small = screenshot(300, 200);
    assertSameBytes(await w.run(small, FULL), preprocessImage(small, FULL), 'after the stop');
    assert.equal(w.threadsStarted, 2);
  });

  it('an abort signal cancels the wait at once; the thread stays up and answers the next image', async () => {
    const w = pool();
    const ac = new AbortController();
    const big = screenshot(3840, 2160);
    const t = performance.now();
    const job = w.run(big, FULL, ac.signal);
    setTimeout(() => ac.abort(), 5);
    await assert.rejects(job, { name: 'AbortError' });
    const waited = performance.now() - t;
    const small = screenshot(300, 200);
    assertSameBytes(await w.run(small, FULL), preprocessImage(small, FULL), 'after the abort');
    assert.equal(w.threadsStarted, 1);
    assert.ok(waited < 2000, `cancelled after ${waited.toFixed(0)} ms`);
    const pre = new AbortController();
    pre.abort();
    await assert.rejects(w.run(small, FULL, pre.signal), { name: 'AbortError' });
  });

  it('refuses a bad image with the in-thread function\'s error, and the thread keeps serving', async () => {
    const w = pool();
    await assert.rejects(w.run({ width: 10, height: 10, data: new Uint8Array(10) }, FULL), (e: Error) => e instanceof RangeError && /needs 400/.test(e.message));
    await assert.rejects(w.run({ width: 0, height: 10, data: new Uint8Array(0) }, FULL), (e: Error) => e instanceof RangeError && /is empty/.test(e.message));
    const small = screenshot(300, 200);
    assertSameBytes(await w.run(small, FULL), preprocessImage(small, FULL), 'after the refusals');
    assert.equal(w.threadsStarted, 1);
  });
});

describe('Magma preprocessing with one crop per thread', () => {
  it('gives byte-identical tensors on the fixtures and on 1x3, 2x2 and 4K screenshots; each thread takes one crop', async () => {
    const w = pool(undefined, 4);
    const bundle = readBundle(join(MAGMA_FIXTURES, 'tiny-fp32'));
    const cases = magmaExpected<{ goal: string; cases: Array<{ name: string; images: Array<{ width: number; height: number; rgb: string }> }> }>().cases;
    for (const c of cases) {
      for (const [i, im] of c.images.entries()) {
        const img = loadFixtureImage(im);
        assertSameBytes(await w.run(img, bundle.manifest.vision), preprocessImage(img, bundle.manifest.vision), `${c.name} image ${i}`);
      }
    }
    const xedit = await decodeImage(new URL('xedit-1920x1080.png', PERCEPTION).pathname);
    for (const [what, img] of [['xedit 1920x1080', xedit], ['1536x512', screenshot(1536, 512)], ['3840x2160', screenshot(3840, 2160)], ['300x200', screenshot(300, 200)]] as const) {
      const before = img.data.slice();
      const got = await w.run(img, FULL);
      assertSameBytes(got, preprocessImage(img, FULL), what);
      assert.ok(Buffer.from(img.data).equals(Buffer.from(before)), `${what}: the caller's frame is left as it was`);
      w.recycle(got.pixels);
    }
    assert.equal(w.threadsStarted, 4, 'four threads, started once');
  });

  it('a thread that fails on one crop fails the image with the clear error; the next image works, on a fresh thread for it', async () => {
    const w = pool(CRASHING, 4);
    const ok = screenshot(1280, 800);
    assertSameBytes(await w.run(ok, FULL), preprocessImage(ok, FULL), 'before the crash');
    await assert.rejects(w.run(screenshot(1313, 800), FULL), (e: Error) => e instanceof PreprocessWorkerError && /stopped \(it crashed: simulated bug in the preprocessing thread\)\. This step was not run/.test(e.message));
    assertSameBytes(await w.run(ok, FULL), preprocessImage(ok, FULL), 'after the crash');
    await assert.rejects(w.run(screenshot(1414, 800), FULL), /stopped \(it ended unexpectedly \(exit code 3\)\)\. This step was not run/);
    assertSameBytes(await w.run(ok, FULL), preprocessImage(ok, FULL), 'after the exit');
    assert.equal(w.threadsStarted, 6, 'the four, then one fresh thread after each failure');
  });

  it('an abort cancels every crop of the image; the threads answer the next one', async () => {
    const w = pool(undefined, 4);
    const ac = new AbortController();
    const job = w.run(screenshot(3840, 2160), FULL, ac.signal);
    setTimeout(() => ac.abort(), 5);
    await assert.rejects(job, { name: 'AbortError' });
    const img = screenshot(1920, 1080);
    assertSameBytes(await w.run(img, FULL), preprocessImage(img, FULL), 'after the abort');
    assert.equal(w.threadsStarted, 4);
  });

  it('refuses a thread count that is not a positive whole number', () => {
    assert.throws(() => new PreprocessWorker({ threads: 0 }), /positive whole number/);
    assert.throws(() => new PreprocessWorker({ threads: 1.5 }), /positive whole number/);
  });
});
