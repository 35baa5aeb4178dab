/**
 * Redaction for everything written to disk (run log, audit log): text the risk policy calls a secret or a card
 * number (the same finders, risk.ts) and text typed into password fields is replaced before it leaves memory.
 * The person approving a step still sees the text; only records are redacted.
 */
import { findCardNumbers, findSecrets, mergeSpans } from './risk.js';

export const REDACTED = '[redacted]';

/** Replaces secrets, card numbers and the given sensitive strings (at least 3 characters) inside one string. */
export function redactText(s: string, sensitive: readonly string[] = []): string {
  let out = s;
  for (const v of sensitive) if (v.trim().length >= 3 && out.includes(v)) out = out.split(v).join(REDACTED);
  // JSON-escaped copies of a sensitive string (descriptions quote the typed text with JSON.stringify).
  for (const v of sensitive) {
    const esc = JSON.stringify(v).slice(1, -1);
    if (esc !== v && esc.trim().length >= 3 && out.includes(esc)) out = out.split(esc).join(REDACTED);
  }
  const spans = mergeSpans([...findSecrets(out), ...findCardNumbers(out)]);
  for (let i = spans.length - 1; i >= 0; i--) out = out.slice(0, spans[i]![0]) + REDACTED + out.slice(spans[i]![1]);
  return out;
}

/** A deep copy of a record with every string redacted; binary data is dropped (images never go to records). */
export function redactRecord<T>(value: T, sensitive: readonly string[] = []): T {
  const seen = new WeakSet<object>();
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redactText(v, sensitive);
    if (v === null || typeof v !== 'object') return v;
    if (ArrayBuffer.isView(v)) return `[${v.constructor.name} omitted]`;
    if (seen.has(v)) return '[cycle]';
    seen.add(v);
    if (Array.isArray(v)) return v.map(walk);
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = walk(x);
    // Typing is sent (and audited) in chunks of a few characters: a chunk of a sensitive text is sensitive too,
    // though no finder recognizes "C39HqLyjWD" on its own (found by tests/safety/s13-data-at-rest.test.ts).
    const rec = v as { kind?: unknown; text?: unknown };
    if (rec.kind === 'type' && typeof rec.text === 'string' && rec.text && sensitive.some((s) => s.includes(rec.text as string))) out.text = REDACTED;
    return out;
  };
  return walk(value) as T;
}
