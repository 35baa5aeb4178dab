/**
 * A promise-based D-Bus client for the AT-SPI reader: method calls, properties, signals, on any bus address.
 *
 * Library: @homebridge/dbus-native (pure JavaScript, no native build, no spawned gdbus/busctl/python). Chosen over
 * dbus-next because dbus-next is unmaintained since 0.10.2, while the Homebridge fork of dbus-native is kept
 * (0.7.9, August 2026) and has no native dependency (nothing for Electron to rebuild). Its callbacks and its
 * variant encoding ([signature, [value]]) stay inside this file; the rest of atspi/ sees promises and plain values.
 *
 * Pipelining: call() writes the message at once and returns a promise; many calls issued before awaiting travel
 * together on the one socket (one round-trip time for a whole batch, not one per call).
 */
import { createRequire } from 'node:module';

interface RawBus {
  invoke(msg: RawMessage, cb: (this: { signature?: string }, err: { name?: string; message?: string } | null | undefined, ...body: unknown[]) => void): void;
  addMatch(rule: string, cb: (err: unknown) => void): void;
  signals: { on(key: string, fn: (body: unknown[], signature: string) => void): void; removeAllListeners(): void };
  connection: { on(ev: 'error' | 'end' | 'message', fn: (x: unknown) => void): void; end(): void; stream: { destroy(): void } };
  name?: string;
}
interface RawMessage { destination?: string; path: string; interface?: string; member: string; signature?: string; body?: unknown[]; type?: number }
interface DbusNative { createClient(opts: { busAddress: string }): RawBus }

const require = createRequire(import.meta.url);
let lib: DbusNative | undefined;
function dbusNative(): DbusNative {
  return (lib ??= require('@homebridge/dbus-native') as DbusNative);
}

export interface CallSpec {
  destination: string;
  path: string;
  interface: string;
  member: string;
  /** D-Bus signature of body ('s', 'ssv', ...). */
  signature?: string;
  body?: unknown[];
}

/** A D-Bus error reply or a broken connection, with the D-Bus error name when there is one. */
export class DBusError extends Error {
  constructor(message: string, readonly dbusName?: string) {
    super(message);
  }
}

/** A signal as received: sender's path, interface, member, body (variants unwrapped). */
export interface SignalMessage { path: string; interface: string; member: string; sender: string; body: unknown[] }

export interface DBusConnection {
  /** One method call; resolves with the reply's first value (or all values when the reply has several). */
  call<T = unknown>(spec: CallSpec): Promise<T>;
  getProperty<T = unknown>(destination: string, path: string, iface: string, prop: string): Promise<T>;
  /** Sets a property whose D-Bus type is `type` ('b', 's', ...). */
  setProperty(destination: string, path: string, iface: string, prop: string, type: string, value: unknown): Promise<void>;
  /** Subscribes to signals matching a D-Bus match rule; `fn` gets every signal the bus routes to us. */
  subscribe(rule: string, fn: (s: SignalMessage) => void): Promise<void>;
  /** Number of method calls sent since the connection opened (round-trip counting for the benchmark). */
  readonly calls: number;
  close(): void;
}

/**
 * Opens a connection to a bus address ("unix:path=...") and waits for the bus to answer (Hello + GetId), so a
 * dead address fails here in `timeoutMs`, not in the first read.
 */
export async function connectBus(address: string, timeoutMs = 2000): Promise<DBusConnection> {
  let raw: RawBus;
  try {
    raw = dbusNative().createClient({ busAddress: address });
  } catch (e) {
    throw new DBusError(`cannot open the D-Bus address ${address}: ${(e as Error).message}`);
  }
  let broken: Error | undefined;
  const pending = new Set<(e: Error) => void>();
  const fail = (e: Error) => {
    broken ??= e;
    for (const p of pending) p(e);
    pending.clear();
  };
  raw.connection.on('error', (e) => fail(new DBusError(`the D-Bus connection failed: ${(e as Error).message ?? String(e)}`)));
  raw.connection.on('end', () => fail(new DBusError('the D-Bus connection was closed')));
  const listeners: Array<(s: SignalMessage) => void> = [];
  raw.connection.on('message', (m) => {
    const msg = m as RawMessage & { sender?: string; type?: number };
    if (msg.type !== 4 /* signal */ || !listeners.length) return;
    const s: SignalMessage = { path: msg.path, interface: msg.interface ?? '', member: msg.member, sender: msg.sender ?? '', body: (msg.body ?? []).map(unwrap) };
    for (const l of listeners) l(s);
  });

  let calls = 0;
  const call = <T>(spec: CallSpec): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (broken) return reject(broken);
      pending.add(reject);
      calls++;
      raw.invoke({ ...spec }, function (err, ...body) {
        pending.delete(reject);
        if (err) return reject(new DBusError(`${spec.interface}.${spec.member} on ${spec.destination}${spec.path}: ${err.message || err.name || 'error'}`, err.name));
        resolve((body.length > 1 ? body : body[0]) as T);
      });
    });

  const conn: DBusConnection = {
    call,
    async getProperty<T>(destination: string, path: string, iface: string, prop: string): Promise<T> {
      const v = await call<unknown>({ destination, path, interface: 'org.freedesktop.DBus.Properties', member: 'Get', signature: 'ss', body: [iface, prop] });
      return unwrap(v) as T;
    },
    async setProperty(destination, path, iface, prop, type, value) {
      await call({ destination, path, interface: 'org.freedesktop.DBus.Properties', member: 'Set', signature: 'ssv', body: [iface, prop, [type, value]] });
    },
    async subscribe(rule, fn) {
      listeners.push(fn);
      await call({ destination: 'org.freedesktop.DBus', path: '/org/freedesktop/DBus', interface: 'org.freedesktop.DBus', member: 'AddMatch', signature: 's', body: [rule] });
    },
    get calls() { return calls; },
    close() {
      broken ??= new DBusError('the D-Bus connection was closed');
      try { raw.connection.end(); } catch { /* already closed */ }
      try { raw.connection.stream.destroy(); } catch { /* already closed */ }
    },
  };

  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      call({ destination: 'org.freedesktop.DBus', path: '/org/freedesktop/DBus', interface: 'org.freedesktop.DBus', member: 'GetId' }),
      new Promise((_, reject) => { timer = setTimeout(() => reject(new DBusError(`no answer from the D-Bus at ${address} within ${timeoutMs} ms`)), timeoutMs); }),
    ]);
  } catch (e) {
    conn.close();
    throw e;
  } finally {
    clearTimeout(timer);
  }
  return conn;
}

/**
 * dbus-native returns a variant as [signatureTree, [value]]; a plain value otherwise. Unwraps variants (one
 * level, recursively inside arrays of variants such as a{sv} values is left to the caller).
 */
export function unwrap(v: unknown): unknown {
  if (Array.isArray(v) && v.length === 2 && Array.isArray(v[0]) && Array.isArray(v[1]) && v[1].length === 1 && isSigTree(v[0])) return v[1][0];
  return v;
}
function isSigTree(t: unknown[]): boolean {
  return t.length > 0 && t.every((x) => typeof x === 'object' && x !== null && 'type' in x);
}
