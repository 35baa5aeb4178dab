import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { white } from '../../../../tests/support/fake-ocr.js';
import { newFrame, runStages, stopwatch, type Stage } from './frame.js';

const busy = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};

describe('running a frame through stages', () => {
  it('runs the stages in list order, each seeing what the earlier ones wrote, each timed under its name', async () => {
    const seen: string[] = [];
    const stages: Stage[] = [
      { name: 'first', run: (ctx) => void ((ctx.lines = [{ x: 1, y: 2, w: 3, h: 4 }]), busy(5)) },
      { name: 'second', run: async (ctx) => void seen.push(`lines ${ctx.lines.length}`) },
    ];
    const ctx = newFrame(white(4, 4), {});
    await runStages(ctx, stages);
    assert.deepEqual(seen, ['lines 1']);
    assert.deepEqual(Object.keys(ctx.timings), ['first', 'second']);
    assert.ok(ctx.timings.first! >= 4, `first took ${ctx.timings.first} ms`);
  });

  it('stops between stages once the signal is aborted', async () => {
    const ac = new AbortController();
    const ran: string[] = [];
    const stages: Stage[] = [
      { name: 'a', run: () => void (ran.push('a'), ac.abort()) },
      { name: 'b', run: () => void ran.push('b') },
    ];
    await assert.rejects(runStages(newFrame(white(4, 4), {}, ac.signal), stages), { name: 'AbortError' });
    assert.deepEqual(ran, ['a']);
  });

  it('sums a step timed several times (one recognizer batch after another)', () => {
    const t: Record<string, number> = {};
    const lap = stopwatch(t);
    busy(3);
    lap('infer');
    busy(3);
    lap('infer');
    assert.ok(t.infer! >= 5.5, `infer ${t.infer} ms`);
  });
});
