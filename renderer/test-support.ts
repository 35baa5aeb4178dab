/** Test helpers for the renderer: a DOM (happy-dom) in node and a fake transport that records every call. */
import { Window } from 'happy-dom';
import type { EventChannel, Result } from '../electron/common/ipc-contract.js';
import { DEFAULT_SETTINGS } from '../electron/common/ipc-contract.js';
import type { EventListener, Transport } from './transport.js';

export function installDom(): Window {
  const w = new Window({ url: 'http://127.0.0.1:1/token/' });
  const g = globalThis as Record<string, unknown>;
  for (const k of ['document', 'navigator', 'HTMLElement', 'HTMLInputElement', 'HTMLButtonElement', 'HTMLIFrameElement', 'Node', 'Event', 'KeyboardEvent', 'MouseEvent', 'getComputedStyle', 'requestAnimationFrame', 'cancelAnimationFrame']) {
    g[k] = (w as unknown as Record<string, unknown>)[k];
  }
  g.window = w;
  g.IS_REACT_ACT_ENVIRONMENT = true;
  return w;
}

export interface FakeTransport extends Transport {
  calls: { channel: string; input: unknown }[];
  push(channel: EventChannel, payload: unknown): void;
  answers: Record<string, (input: unknown) => Result<unknown>>;
}

export function fakeTransport(): FakeTransport {
  const listeners = new Set<EventListener>();
  const calls: { channel: string; input: unknown }[] = [];
  const answers: Record<string, (input: unknown) => Result<unknown>> = {
    'app:info': () => ({ ok: true, value: { version: '0', shell: 'browser', platform: 'linux', hotkeys: null, warnings: [], engineReady: true } }),
    'settings:get': () => ({ ok: true, value: DEFAULT_SETTINGS }),
    'settings:set': (i) => ({ ok: true, value: { ...DEFAULT_SETTINGS, ...(i as object) } }),
    'run:events': () => ({ ok: true, value: { events: [] } }),
    'run:start': () => ({ ok: true, value: { runId: 'r1' } }),
    'run:stop': () => ({ ok: true, value: { stopped: true } }),
    'approval:decide': () => ({ ok: true, value: { accepted: true } }),
    'history:list': () => ({ ok: true, value: { enabled: false, runs: [] } }),
  };
  return {
    calls,
    answers,
    push: (c, p) => listeners.forEach((l) => l(c, p)),
    invoke: async (channel, input) => {
      calls.push({ channel, input });
      return (answers[channel]?.(input) ?? { ok: false, error: 'unanswered' }) as never;
    },
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    frameUrl: (id) => `frames/${id}.png`,
    onConnection(cb) {
      cb(true);
      return () => undefined;
    },
  };
}
