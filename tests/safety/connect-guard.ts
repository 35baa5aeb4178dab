/**
 * S14 connection guard, loaded with `node --import tsx --import ./tests/safety/connect-guard.ts ...`: records every
 * TCP/IPC connect, UDP send and DNS lookup the process makes to $MAGMA_CONNECT_LOG (JSONL) and blocks everything
 * that is not loopback or a local socket path ($MAGMA_CONNECT_ALLOW: extra host:port pairs, e.g. the configured
 * model endpoint).
 */
import dgram from 'node:dgram';
import dns from 'node:dns';
import { appendFileSync } from 'node:fs';
import net from 'node:net';

const logPath = process.env.MAGMA_CONNECT_LOG;
const allow = new Set((process.env.MAGMA_CONNECT_ALLOW ?? '').split(',').filter(Boolean));
const record = (r: Record<string, unknown>) => {
  if (logPath) appendFileSync(logPath, JSON.stringify({ pid: process.pid, argv: process.argv.slice(2, 4), ...r }) + '\n');
};
export function isLoopback(host: string | undefined): boolean {
  return !host || host === 'localhost' || /^127\./.test(host) || host === '::1' || /^::ffff:127\./.test(host) || host === '0.0.0.0';
}

type AnyFn = (...a: unknown[]) => unknown;
const origConnect = net.Socket.prototype.connect as unknown as AnyFn;
(net.Socket.prototype as unknown as { connect: AnyFn }).connect = function (this: net.Socket, ...args: unknown[]) {
  let o: { host?: string; port?: number | string; path?: string } = {};
  const a0 = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
  if (a0 && typeof a0 === 'object') o = a0 as typeof o;
  else if (typeof a0 === 'string' && Number.isNaN(Number(a0))) o = { path: a0 };
  else o = { port: a0 as number, host: typeof args[1] === 'string' ? args[1] : undefined };
  const allowed = o.path !== undefined || isLoopback(o.host) || allow.has(`${o.host}:${o.port}`);
  record({ kind: o.path !== undefined ? 'ipc' : 'tcp', host: o.host ?? 'localhost', port: o.port, path: o.path, allowed });
  if (!allowed) {
    process.nextTick(() => this.destroy(new Error(`connect-guard: blocked a connection to ${o.host}:${o.port}`)));
    return this;
  }
  return origConnect.apply(this, args);
};

const origLookup = dns.lookup as unknown as AnyFn;
(dns as unknown as { lookup: AnyFn }).lookup = function (hostname: unknown, ...rest: unknown[]) {
  const host = String(hostname);
  const allowed = isLoopback(host) || [...allow].some((a) => a.startsWith(`${host}:`));
  record({ kind: 'dns', host, allowed });
  if (!allowed) {
    const cb = rest.at(-1) as (e: Error) => void;
    process.nextTick(() => cb(Object.assign(new Error(`connect-guard: blocked a lookup of ${host}`), { code: 'ENOTFOUND' })));
    return {};
  }
  return origLookup.call(dns, hostname, ...rest);
};
const origPromiseLookup = dns.promises.lookup as unknown as AnyFn;
(dns.promises as unknown as { lookup: AnyFn }).lookup = async function (hostname: unknown, ...rest: unknown[]) {
  const host = String(hostname);
  const allowed = isLoopback(host);
  record({ kind: 'dns', host, allowed });
  if (!allowed) throw Object.assign(new Error(`connect-guard: blocked a lookup of ${host}`), { code: 'ENOTFOUND' });
  return origPromiseLookup.call(dns.promises, hostname, ...rest);
};

const origSend = dgram.Socket.prototype.send as unknown as AnyFn;
(dgram.Socket.prototype as unknown as { send: AnyFn }).send = function (this: dgram.Socket, ...args: unknown[]) {
  const host = args.find((x, i) => i > 0 && typeof x === 'string') as string | undefined;
  const allowed = isLoopback(host);
  record({ kind: 'udp', host, allowed });
  if (!allowed) throw new Error(`connect-guard: blocked a UDP send to ${host}`);
  return origSend.apply(this, args);
};
record({ kind: 'guard', allowed: true });
