/**
 * A scripted engine for the app's own tests (host, browser shell, renderer e2e): it walks a fixed list of
 * actions through the same events and approval channel as the real loop, and records what it "executed" instead
 * of moving the mouse. The real engine (electron/agent/loop) replaces it in the xcalc tests.
 */
import { deflateSync } from 'node:zlib';
import type { Action } from '../../electron/common/actions.js';
import type { Risk } from '../../electron/common/approval.js';
import { describeAction } from '../../electron/common/actions.js';
import type { Element } from '../../electron/common/elements.js';
import type { DisplayInfo } from '../../electron/common/geometry.js';
import type { Engine, RunRequest } from '../../electron/main/engine.js';

export const DISPLAY: DisplayInfo = { id: '0', name: 'test', bounds: { x: 0, y: 0, width: 640, height: 400 }, scaleFactor: 1, primary: true };

export interface ScriptedEngine extends Engine {
  readonly executed: Action[];
  readonly runs: RunRequest[];
}

/** risks: the risk the gate would give each step (by step index; default normal), as the real loop puts in approval requests. */
export function scriptedEngine(script: { actions: Action[]; elements?: Element[]; stepDelayMs?: number; answer?: string; expiresInMs?: number; risks?: Risk[] }): ScriptedEngine {
  const executed: Action[] = [];
  const runs: RunRequest[] = [];
  const frames = new Map<string, Uint8Array>();
  const elements: Element[] = script.elements ?? [
    { id: 0, kind: 'button', bbox: [20, 20, 120, 70], text: '7', interactive: true, confidence: 0.9, source: 'test' },
    { id: 1, kind: 'button', bbox: [140, 20, 240, 70], text: '*', interactive: true, confidence: 0.9, source: 'test' },
  ];
  const sleep = (ms: number, signal: AbortSignal) =>
    new Promise<void>((res, rej) => {
      const t = setTimeout(res, ms);
      signal.addEventListener('abort', () => (clearTimeout(t), rej(signal.reason)), { once: true });
    });
  return {
    executed,
    runs,
    framePng: (id) => frames.get(id),
    async run(req) {
      runs.push(req);
      const { signal, emit } = req;
      emit({ type: 'run_started', runId: req.runId, goal: req.goal, planner: 'scripted', at: Date.now() });
      const snap = (tag: string) => {
        const id = `${req.runId}-${tag}`;
        frames.set(id, solidPng(64, 40, tag.length * 40));
        return id;
      };
      if (req.goal.startsWith('Q:')) {
        const frameId = snap('q');
        emit({ type: 'frame', step: 0, frameId, width: 640, height: 400, display: DISPLAY });
        for (const t of ['Looking ', 'at ', 'the screen.']) emit({ type: 'reasoning', step: 0, text: t });
        emit({ type: 'answer', step: 0, text: script.answer ?? 'The display shows a calculator.' });
        emit({ type: 'run_finished', status: 'done', reason: 'answered', at: Date.now() });
        return;
      }
      for (let step = 0; step < script.actions.length; step++) {
        if (step >= req.settings.maxSteps) {
          emit({ type: 'run_finished', status: 'failed', reason: 'step limit', at: Date.now() });
          return;
        }
        const action = script.actions[step]!;
        const frameId = snap(`s${step}`);
        emit({ type: 'frame', step, frameId, width: 640, height: 400, display: DISPLAY });
        emit({ type: 'perceived', step, frameId, elements, ms: 1 });
        for (const t of ['I ', 'will ', describeAction(action)]) emit({ type: 'reasoning', step, text: t });
        emit({ type: 'proposal', step, action, description: describeAction(action), reasoning: '' });
        const request = {
          id: `appr-${req.runId}-${step}`, runId: req.runId, step, action, description: describeAction(action),
          screenPoints: [{ space: 'screen' as const, x: 70, y: 45 }], frameId,
          risk: script.risks?.[step] ?? { tier: 'normal' as const, reasons: [] }, expiresAt: Date.now() + (script.expiresInMs ?? 60_000),
        };
        emit({ type: 'approval_requested', request });
        const d = await req.approvals.request(request, signal);
        emit({ type: 'approval_decided', decision: d, by: 'user' });
        if (d.verdict === 'stop') {
          emit({ type: 'run_finished', status: 'stopped', reason: 'stopped at approval', at: Date.now() });
          return;
        }
        if (d.verdict === 'skip') {
          emit({ type: 'skipped', step, reason: 'skipped by the user' });
          continue;
        }
        if (signal.aborted) throw signal.reason;
        executed.push(action);
        await sleep(script.stepDelayMs ?? 0, signal);
        emit({ type: 'executed', step, action, screenPoints: request.screenPoints, changed: true, afterFrameId: snap(`a${step}`), ms: 1 });
      }
      emit({ type: 'run_finished', status: 'done', reason: 'done', at: Date.now() });
    },
  };
}

/** A valid PNG of one grey level (enough for <img> and thumbnails). */
export function solidPng(w: number, h: number, grey: number): Uint8Array {
  const row = Buffer.alloc(1 + w * 3, grey & 255);
  row[0] = 0;
  const raw = Buffer.concat(Array.from({ length: h }, () => row));
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return new Uint8Array(Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]));
}

function crc32(b: Buffer): number {
  let c = ~0;
  for (const byte of b) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}
