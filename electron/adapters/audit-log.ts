/**
 * The audit log (SAFETY.md S15): one JSONL record per proposal, approval request, decision and input event, each
 * chained to the one before with SHA-256 (optionally HMAC-SHA-256 with a key kept elsewhere):
 *   hash = SHA-256(prev + "\n" + canonical JSON of the record without prev/hash)
 * Changing, deleting, inserting or reordering any record breaks the chain at that record. Records are written
 * synchronously, before the input they describe is sent, to a file only the user can read (0600). The engine
 * redacts secrets before a record gets here (agent/safety/redact.ts).
 */
import { createHash, createHmac } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { RunLog } from '../agent/ports.js';

export const GENESIS = '0'.repeat(64);

/** JSON with object keys sorted at every level: the same record always hashes the same. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'null' : canonicalJson(x))).join(',')}]`;
  const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x)}`).join(',')}}`;
}

export function chainHash(prev: string, body: Record<string, unknown>, key?: string): string {
  const h = key ? createHmac('sha256', key) : createHash('sha256');
  return h.update(prev).update('\n').update(canonicalJson(body)).digest('hex');
}

export interface AuditLogOptions {
  /** HMAC key: without it, whoever can rewrite the file can also recompute the chain from a record onwards. */
  key?: string;
}

export class AuditLog implements RunLog {
  private readonly fd: number;
  private prev = GENESIS;
  private seq = 0;
  private closed = false;

  /** Opens (or continues) the log at path: a new session's records chain onto the last record in the file. */
  constructor(readonly path: string, private readonly opts: AuditLogOptions = {}) {
    mkdirSync(dirname(path), { recursive: true });
    if (existsSync(path)) {
      const check = verifyAuditText(readFileSync(path, 'utf8'), opts.key);
      if (!check.ok) throw new Error(`the audit log ${path} is broken at line ${check.line} (${check.error}); move it aside before logging to it`);
      this.prev = check.head;
      this.seq = check.records;
    }
    this.fd = openSync(path, 'a', 0o600);
  }

  write(record: Record<string, unknown>): void {
    if (this.closed) throw new Error('the audit log is closed');
    const body = JSON.parse(JSON.stringify({ seq: this.seq, ...record })) as Record<string, unknown>;
    delete body.prev;
    delete body.hash;
    const hash = chainHash(this.prev, body, this.opts.key);
    writeSync(this.fd, JSON.stringify({ ...body, prev: this.prev, hash }) + '\n');
    this.prev = hash;
    this.seq++;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.write({ type: 'audit_closed', records: this.seq + 1, t: Date.now() });
    this.closed = true;
    closeSync(this.fd);
  }
}

export type AuditVerdict =
  | { ok: true; records: number; head: string; closed: boolean }
  | { ok: false; line: number; error: string; records: number };

/** Checks every record's hash and link; names the first line that does not fit. */
export function verifyAuditText(text: string, key?: string): AuditVerdict {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  let prev = GENESIS;
  let closed = false;
  for (let i = 0; i < lines.length; i++) {
    const bad = (error: string): AuditVerdict => ({ ok: false, line: i + 1, error, records: i });
    let rec: Record<string, unknown>;
    try {
      rec = JSON.parse(lines[i]!) as Record<string, unknown>;
    } catch {
      return bad('not a JSON record');
    }
    if (!rec || typeof rec !== 'object' || Array.isArray(rec)) return bad('not a JSON object');
    const { prev: p, hash, ...body } = rec;
    if (typeof p !== 'string' || typeof hash !== 'string') return bad('no prev/hash fields');
    if (body.seq !== i) return bad(`sequence number ${String(body.seq)} where ${i} was expected (a record was removed, added or moved)`);
    if (p !== prev) return bad('its link to the previous record does not match (a record before it was changed, removed or moved)');
    if (chainHash(p, body, key) !== hash) return bad('its content does not match its hash (the record was changed)');
    prev = hash;
    closed = body.type === 'audit_closed';
  }
  return { ok: true, records: lines.length, head: prev, closed };
}

export function verifyAuditFile(path: string, key?: string): AuditVerdict {
  return verifyAuditText(readFileSync(path, 'utf8'), key);
}
