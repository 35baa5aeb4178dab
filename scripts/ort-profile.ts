/**
 * Reads onnxruntime profiles (the JSON array of trace events a session writes when profiling is on) into time per
 * operator type and per GPU program, for one run of a session that was run several times.
 *
 * Two kinds of events matter:
 * - `cat: "Node"`, name `<node>_kernel_time`: CPU wall time of each node's Compute call. On WebGPU that call only
 *   records and submits dispatches, so it measures dispatch cost, not GPU work.
 * - `cat: "Api"`, name `<node>&<op>&<program>` (onnxruntime's WebGPU provider, when the device has timestamp
 *   queries): GPU time of each dispatched program, from timestamps written around it on the GPU. One node can
 *   dispatch several programs (MatMulNBits: quantize A, then the matmul). `ts` counts from the first GPU timestamp
 *   of the session, so it orders GPU work but is not aligned with the CPU events.
 *
 * Runs are told apart by their sequence: a session run R times on the same shapes dispatches the same list of
 * programs each time after the first (which may add one-time work such as weight prepacking), so the last run is
 * the longest block, at most 1/R of the events, that the blocks before it repeat (see lastRunLength).
 */

export interface OrtTraceEvent {
  readonly cat?: string;
  readonly name?: string;
  readonly ts?: number;
  readonly dur?: number;
  readonly args?: { readonly op_name?: string; readonly provider?: string; readonly shapes?: string; readonly cache_key?: string };
}

export interface TimeRow {
  readonly key: string;
  readonly ms: number;
  readonly calls: number;
  /** Share of the run's total of the same kind (GPU busy time or CPU node time), 0..1. */
  readonly share: number;
}

export interface RunSummary {
  /**
   * How the run was found: 'repeat' (the last block that repeats the one before), 'single' (one run asked for: all
   * events), 'average' (several runs but no repeated block: every time is the whole profile's divided by the runs).
   */
  readonly split: 'repeat' | 'single' | 'average';
  /** Events in the run. */
  readonly events: number;
  /** Sum of the run's event durations (GPU: busy time), ms. */
  readonly totalMs: number;
  /** Sum for each full repeated block counted from the end (oldest first), ms: the spread between runs. */
  readonly perRunMs: readonly number[];
  readonly byOp: readonly TimeRow[];
}

export interface GpuRunSummary extends RunSummary {
  /** From the first program's start to the last one's end, ms: busy time plus the gaps the GPU waited for work. */
  readonly spanMs: number;
  /** Time per program name (op/program), the way onnxruntime chose to run each operator. */
  readonly byProgram: readonly TimeRow[];
  /** The longest single dispatches: node, program and shapes. */
  readonly top: ReadonlyArray<{ node: string; op: string; program: string; ms: number; shapes: string }>;
}

export interface ProfileSummary {
  /** GPU timestamps of the last run; absent when the profile has none (CPU provider, or no timestamp queries). */
  readonly gpu?: GpuRunSummary;
  /** CPU time of each node's Compute in the last run (dispatch side on WebGPU). */
  readonly cpu: RunSummary & { readonly byProvider: readonly TimeRow[] };
}

/** `node&op&program` -> its parts; a name without two '&' is taken as the program name alone. */
export function parseGpuName(name: string): { node: string; op: string; program: string } {
  const parts = name.split('&');
  if (parts.length >= 3) return { node: parts[0]!, op: parts[1]!, program: parts.slice(2).join('&') };
  return { node: '', op: '?', program: name };
}

/**
 * Length of one run when a session ran `runs` times: the largest k, at most the events divided by the runs (the first
 * run holds at least one run's events), whose last `runs - 1` blocks of k names are all the same (the last 2 blocks
 * when runs is 2). Bounding k by events/runs matters: without it, k = 2 or 3 runs' worth also repeats (a first
 * version of this took 3 runs of a single-operator graph for one). Returns 0 when no block repeats.
 */
export function lastRunLength(names: readonly string[], runs: number): number {
  const n = names.length;
  const blocks = Math.max(2, runs - 1);
  for (let k = Math.floor(n / Math.max(runs, 2)); k >= 1; k--) {
    let same = true;
    for (let b = 1; b < blocks && same; b++) {
      for (let i = 0; i < k; i++) {
        if (names[n - k + i] !== names[n - (b + 1) * k + i]) {
          same = false;
          break;
        }
      }
    }
    if (same) return k;
  }
  return 0;
}

function rows(groups: Map<string, { us: number; n: number }>, totalUs: number, scale: number, limit = 40): TimeRow[] {
  return [...groups.entries()]
    .sort((a, b) => b[1].us - a[1].us)
    .slice(0, limit)
    .map(([key, v]) => ({ key, ms: round((v.us * scale) / 1000), calls: Math.round(v.n * scale * 100) / 100, share: totalUs > 0 ? Math.round((v.us / totalUs) * 1000) / 1000 : 0 }));
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function add(m: Map<string, { us: number; n: number }>, key: string, us: number): void {
  const v = m.get(key) ?? { us: 0, n: 0 };
  v.us += us;
  v.n++;
  m.set(key, v);
}

/**
 * Splits a list of events (in order) into its last run, with per-run sums of the repeated blocks. `scale` is what
 * each duration counts for (1/runs when the runs could not be told apart).
 */
function lastRun<T extends OrtTraceEvent>(evs: readonly T[], runs: number, nameOf: (e: T) => string): { run: readonly T[]; split: RunSummary['split']; perRunMs: number[]; scale: number } {
  const sum = (xs: readonly T[]) => round(xs.reduce((s, e) => s + (e.dur ?? 0), 0) / 1000);
  if (runs <= 1) return { run: evs, split: 'single', perRunMs: [sum(evs)], scale: 1 };
  const k = lastRunLength(evs.map(nameOf), runs);
  if (k === 0) return { run: evs, split: 'average', perRunMs: [round(sum(evs) / runs)], scale: 1 / runs };
  const perRunMs: number[] = [];
  for (let end = evs.length; end - k >= 0 && perRunMs.length < runs; end -= k) {
    const block = evs.slice(end - k, end);
    if (end !== evs.length && block.some((e, i) => nameOf(e) !== nameOf(evs[evs.length - k + i]!))) break;
    perRunMs.unshift(sum(block));
  }
  return { run: evs.slice(evs.length - k), split: 'repeat', perRunMs, scale: 1 };
}

/**
 * Summary of the last of `runs` runs in a profile. `runs` only decides whether to look for repeated blocks (1: the
 * whole profile is one run).
 */
export function summarizeOrtProfile(events: readonly OrtTraceEvent[], runs: number): ProfileSummary {
  const gpuEvents = events.filter((e) => e.cat === 'Api' && typeof e.name === 'string' && e.name.includes('&'));
  const nodeEvents = events.filter((e) => e.cat === 'Node' && e.name?.endsWith('_kernel_time') && e.args?.op_name);

  const c = lastRun(nodeEvents, runs, (e) => e.name!);
  const cpuTotal = c.run.reduce((s, e) => s + (e.dur ?? 0), 0);
  const cpuOps = new Map<string, { us: number; n: number }>();
  const cpuProv = new Map<string, { us: number; n: number }>();
  for (const e of c.run) {
    add(cpuOps, `${e.args!.op_name}@${e.args!.provider ?? '?'}`, e.dur ?? 0);
    add(cpuProv, e.args!.provider ?? '?', e.dur ?? 0);
  }
  const cpu = { split: c.split, events: c.run.length, totalMs: round((cpuTotal * c.scale) / 1000), perRunMs: c.perRunMs, byOp: rows(cpuOps, cpuTotal, c.scale), byProvider: rows(cpuProv, cpuTotal, c.scale) };
  if (gpuEvents.length === 0) return { cpu };

  const g = lastRun(gpuEvents, runs, (e) => e.name!);
  const gpuTotal = g.run.reduce((s, e) => s + (e.dur ?? 0), 0);
  const byOp = new Map<string, { us: number; n: number }>();
  const byProgram = new Map<string, { us: number; n: number }>();
  for (const e of g.run) {
    const p = parseGpuName(e.name!);
    add(byOp, p.op, e.dur ?? 0);
    add(byProgram, `${p.op}/${p.program}`, e.dur ?? 0);
  }
  const startUs = Math.min(...g.run.map((e) => e.ts ?? 0));
  const endUs = Math.max(...g.run.map((e) => (e.ts ?? 0) + (e.dur ?? 0)));
  const top = [...g.run]
    .sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0))
    .slice(0, 15)
    .map((e) => ({ ...parseGpuName(e.name!), ms: round((e.dur ?? 0) / 1000), shapes: e.args?.shapes?.trim() ?? '' }));
  const gpu: GpuRunSummary = {
    split: g.split,
    events: g.run.length,
    totalMs: round((gpuTotal * g.scale) / 1000),
    perRunMs: g.perRunMs,
    spanMs: round(((endUs - startUs) * g.scale) / 1000),
    byOp: rows(byOp, gpuTotal, g.scale),
    byProgram: rows(byProgram, gpuTotal, g.scale),
    top,
  };
  return { gpu, cpu };
}
