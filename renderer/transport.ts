/**
 * How the renderer reaches main: the Electron preload (window.magma) or the browser shell's WebSocket. Both speak
 * the one contract; the renderer never knows which.
 */
import type { EventChannel, RequestChannel, RequestInput, RequestOutput, Result } from '../electron/common/ipc-contract.js';

export type EventListener = (channel: EventChannel, payload: unknown) => void;

export interface Transport {
  invoke<C extends RequestChannel>(channel: C, input: RequestInput<C>): Promise<Result<RequestOutput<C>>>;
  subscribe(listener: EventListener): () => void;
  /** URL of a frame's PNG by id (relative to the page: app://magma/frames/... or /TOKEN/frames/...). */
  frameUrl(frameId: string): string;
  onConnection(cb: (connected: boolean) => void): () => void;
}

/** What the preload exposes (electron/preload/preload.ts). */
export interface PreloadBridge {
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
  on(channel: string, cb: (payload: unknown) => void): () => void;
  readonly events: readonly string[];
}

export const frameUrl = (frameId: string) => `frames/${encodeURIComponent(frameId)}.png`;

export function electronTransport(bridge: PreloadBridge): Transport {
  return {
    invoke: (channel, input) => bridge.invoke(channel, input) as never,
    subscribe(listener) {
      const offs = bridge.events.map((c) => bridge.on(c, (p) => listener(c as EventChannel, p)));
      return () => offs.forEach((off) => off());
    },
    frameUrl,
    onConnection(cb) {
      cb(true);
      return () => undefined;
    },
  };
}

interface SocketLike {
  readyState: number;
  send(data: string): void;
  close(): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
}

/** The browser shell's transport: one WebSocket at ./ws (the token is in the page's path), reconnecting. */
export function wsTransport(url: string, makeSocket: (url: string) => SocketLike = (u) => new WebSocket(u) as unknown as SocketLike): Transport {
  let ws: SocketLike | undefined;
  let nextId = 1;
  const waiting = new Map<number, (r: Result<unknown>) => void>();
  const listeners = new Set<EventListener>();
  const connection = new Set<(c: boolean) => void>();
  let queue: string[] = [];

  const open = () => {
    const s = makeSocket(url);
    ws = s;
    s.onopen = () => {
      for (const m of queue) s.send(m);
      queue = [];
      connection.forEach((c) => c(true));
    };
    s.onclose = () => {
      for (const [, r] of waiting) r({ ok: false, error: 'disconnected from the app' });
      waiting.clear();
      connection.forEach((c) => c(false));
      setTimeout(open, 1000);
    };
    s.onmessage = (ev) => {
      let m: { kind?: string; id?: number; result?: Result<unknown>; channel?: EventChannel; payload?: unknown };
      try {
        m = JSON.parse(String(ev.data));
      } catch {
        return;
      }
      if (m.kind === 'result' && typeof m.id === 'number') {
        waiting.get(m.id)?.(m.result ?? { ok: false, error: 'empty answer' });
        waiting.delete(m.id);
      } else if (m.kind === 'event' && m.channel) listeners.forEach((l) => l(m.channel!, m.payload));
    };
  };
  open();
  return {
    invoke(channel, input) {
      const id = nextId++;
      const msg = JSON.stringify({ id, channel, input });
      return new Promise((resolve) => {
        waiting.set(id, resolve as (r: Result<unknown>) => void);
        if (ws && ws.readyState === 1) ws.send(msg);
        else queue.push(msg);
      });
    },
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    frameUrl,
    onConnection(cb) {
      connection.add(cb);
      return () => connection.delete(cb);
    },
  };
}

/** Picks the transport for this page: the preload's bridge in Electron, the WebSocket in the browser shell. */
export function pickTransport(w: { magma?: PreloadBridge; location: { href: string } }): Transport {
  if (w.magma) return electronTransport(w.magma);
  const u = new URL('ws', w.location.href);
  u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
  u.search = '';
  u.hash = '';
  return wsTransport(u.href);
}
