import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lastRunLength, parseGpuName, summarizeOrtProfile, type OrtTraceEvent } from './ort-profile.js';

/** One run as onnxruntime's WebGPU provider records it: node events (CPU) and program events (GPU timestamps). */
function run(t0: number, gpuUs: { mm: number; quant: number; add: number }, prepack = false): OrtTraceEvent[] {
  const ev: OrtTraceEvent[] = [
    { cat: 'Session', name: 'model_run', ts: t0, dur: 900 },
    { cat: 'Node', name: 'fc1_kernel_time', ts: t0, dur: 40, args: { op_name: 'MatMulNBits', provider: 'WebGpuExecutionProvider' } },
    { cat: 'Node', name: 'add_kernel_time', ts: t0 + 50, dur: 10, args: { op_name: 'Add', provider: 'WebGpuExecutionProvider' } },
    { cat: 'Node', name: 'shape_kernel_time', ts: t0 + 60, dur: 2, args: { op_name: 'Shape', provider: 'CPUExecutionProvider' } },
  ];
  let g = t0;
  const gpu = (name: string, dur: number, shapes = '') => {
    ev.push({ cat: 'Api', name, ts: g, dur, args: { shapes, cache_key: name } });
    g += dur + 5; // 5 us between dispatches
  };
  if (prepack) gpu('fc1&MatMulNBits&SubgroupMatrixMatMulLayout', 300);
  gpu('fc1&MatMulNBits&DP4AMatMulQuantize', gpuUs.quant);
  gpu('fc1&MatMulNBits&DP4AMatMulNBits', gpuUs.mm, 'inputs[0] = {1284,4096} outputs[0] = {1284,14336}');
  gpu('add&Add&Add', gpuUs.add);
  return ev;
}

describe('onnxruntime profile summary', () => {
  it('times the last of several runs from GPU timestamps, per operator and per program, leaving out one-time work of the first run', () => {
    const events = [
      ...run(0, { mm: 5000, quant: 400, add: 100 }, true),
      ...run(10_000, { mm: 4000, quant: 400, add: 100 }),
      ...run(20_000, { mm: 3000, quant: 300, add: 200 }),
    ];
    const s = summarizeOrtProfile(events, 3);
    assert.ok(s.gpu, 'GPU section present');
    assert.equal(s.gpu.split, 'repeat');
    assert.equal(s.gpu.events, 3);
    assert.equal(s.gpu.totalMs, 3.5); // 3000 + 300 + 200 us
    assert.deepEqual(s.gpu.perRunMs, [5.5, 4.5, 3.5]); // each run's repeated block; the first run's prepack is not in it
    assert.equal(s.gpu.spanMs, 3.51); // busy 3.5 ms plus two 5 us gaps
    assert.deepEqual(
      s.gpu.byOp.map((r) => [r.key, r.ms, r.calls]),
      [
        ['MatMulNBits', 3.3, 2],
        ['Add', 0.2, 1],
      ],
    );
    assert.deepEqual(
      s.gpu.byProgram.map((r) => r.key),
      ['MatMulNBits/DP4AMatMulNBits', 'MatMulNBits/DP4AMatMulQuantize', 'Add/Add'],
    );
    assert.equal(s.gpu.byProgram[0]!.share, 0.857);
    assert.equal(s.gpu.top[0]!.shapes, 'inputs[0] = {1284,4096} outputs[0] = {1284,14336}');
    // CPU side: the node events of one run, by operator@provider and by provider
    assert.equal(s.cpu.split, 'repeat');
    assert.equal(s.cpu.totalMs, 0.052);
    assert.deepEqual(
      s.cpu.byProvider.map((r) => [r.key, r.ms]),
      [
        ['WebGpuExecutionProvider', 0.05],
        ['CPUExecutionProvider', 0.002],
      ],
    );
  });

  it('has no GPU section for a profile without GPU timestamps (CPU provider)', () => {
    const cpuOnly = run(0, { mm: 1, quant: 1, add: 1 }).filter((e) => e.cat !== 'Api');
    const s = summarizeOrtProfile(cpuOnly, 1);
    assert.equal(s.gpu, undefined);
    assert.equal(s.cpu.split, 'single');
    assert.equal(s.cpu.events, 3);
  });

  it('divides by the number of runs when the runs cannot be told apart', () => {
    const a = run(0, { mm: 1000, quant: 0, add: 0 });
    const odd = [...a, { cat: 'Api', name: 'x&Mul&Mul', ts: 9000, dur: 2000 }];
    const s = summarizeOrtProfile(odd, 2);
    assert.equal(s.gpu!.split, 'average');
    assert.equal(s.gpu!.totalMs, 1.5); // (1000 + 0 + 0 + 2000) / 2 us
  });

  it('finds one run in a repeated sequence even when a run repeats a layer inside itself', () => {
    const oneRun = ['embed', 'mm', 'attn', 'mm', 'attn', 'mm', 'head'];
    assert.equal(lastRunLength([...oneRun, ...oneRun, ...oneRun], 3), 7);
    assert.equal(lastRunLength(['a', 'b', 'c'], 3), 0);
  });

  it('takes one run, not several, from six runs of a graph whose run is itself periodic (a chain of one operator)', () => {
    const oneRun: string[] = [];
    for (let i = 0; i < 16; i++) oneRun.push('&MatMulNBits&SubgroupMatrixMatMulLayout', '&MatMulNBits&SubgroupMatrixMatMulNBits');
    const six = Array.from({ length: 6 }, () => oneRun).flat();
    assert.equal(lastRunLength(six, 6), 32);
    // and the summary's time is one run's: 16 x (10 + 90) us
    const events: OrtTraceEvent[] = six.map((name, i) => ({ cat: 'Api', name, ts: i * 100, dur: name.endsWith('Layout') ? 10 : 90 }));
    const s = summarizeOrtProfile(events, 6);
    assert.equal(s.gpu!.totalMs, 1.6);
    assert.deepEqual(s.gpu!.perRunMs, [1.6, 1.6, 1.6, 1.6, 1.6, 1.6]);
  });

  it('reads node, operator and program from a GPU event name', () => {
    assert.deepEqual(parseGpuName('/blocks.0/fc1/MatMul&MatMul&MatMulNBitsWideTile'), { node: '/blocks.0/fc1/MatMul', op: 'MatMul', program: 'MatMulNBitsWideTile' });
    assert.deepEqual(parseGpuName('Transpose'), { node: '', op: '?', program: 'Transpose' });
  });
});
