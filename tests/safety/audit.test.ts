/** S15 audit: hash chain, single-record tampering, records vs the recording driver, redaction, and the CLI verifier. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { Action } from '../../electron/common/actions.js';
import { AuditLog, verifyAuditFile, verifyAuditText } from '../../electron/adapters/audit-log.js';
import { RecordingInputDriver } from '../../electron/adapters/input-recording.js';
import { runAgent } from '../../electron/agent/loop/run-agent.js';
import type { ApprovalChannel } from '../../electron/agent/ports.js';
import { FakeScreen, fixedPerceiver, textElement } from '../support/fakes.js';
import { runCli } from '../support/cli.js';
import { ScriptedPlanner, VirtualClock } from './support.js';

/** The fields of audit records these tests read. */
type Rec = { type: string; event: { kind: string }; approvalId: string; decision: { approvalId: string; verdict: string }; request: { id: string } };

const dir = mkdtempSync(join(tmpdir(), 'magma-audit-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const marks = [textElement(0, '7', [10, 10, 30, 30]), textElement(1, 'Password', [40, 40, 90, 55]), textElement(2, 'Card', [10, 70, 40, 85])];
const PASSWORD = 'correct-horse-7';
const CARD = '4111 1111 1111 1111';

async function auditedRun(file: string, actions: Action[]) {
  const clock = new VirtualClock();
  const input = new RecordingInputDriver(clock.now);
  const audit = new AuditLog(file);
  const approvals: ApprovalChannel = { request: async (r) => ({ approvalId: r.id, verdict: 'approve' }) };
  const r = await runAgent(
    { screen: new FakeScreen(input), input, perceiver: fixedPerceiver(marks), markImage: (i) => i, planner: new ScriptedPlanner(actions), approvals, clock, audit },
    { goal: 'g', signal: new AbortController().signal, settleMs: 0, verify: false },
  );
  await audit.close();
  return { r, input };
}

const actions: Action[] = [
  { kind: 'click', target: { mark: 0 } },
  { kind: 'type', text: PASSWORD, target: { mark: 1 } },
  { kind: 'type', text: CARD, target: { mark: 2 } },
  { kind: 'press', keys: ['enter'] },
];

test('every injected input event has an audit record, in order, under an approval the log shows as approved', async () => {
  const file = join(dir, 'run.jsonl');
  const { r, input } = await auditedRun(file, actions);
  assert.equal(r.status, 'done', r.reason);
  const v = verifyAuditFile(file);
  assert.ok(v.ok && v.closed, JSON.stringify(v));
  const records = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Rec);
  const inputs = records.filter((x) => x.type === 'input');
  const injected = input.injected;
  assert.equal(inputs.length, injected.length);
  for (const [i, ev] of injected.entries()) {
    assert.equal(inputs[i]!.event.kind, ev.kind, `event ${i}`);
    const decided = records.find((x) => x.type === 'approval_decided' && x.decision.approvalId === inputs[i]!.approvalId);
    assert.equal(decided?.decision.verdict, 'approve', `event ${i} has an approve decision`);
    const requested = records.findIndex((x) => x.type === 'approval_requested' && x.request.id === inputs[i]!.approvalId);
    assert.ok(requested >= 0 && requested < records.indexOf(inputs[i]!), 'the request comes before the input');
  }
  assert.ok(records.some((x) => x.type === 'proposal'));
});

test('secrets typed into a password field and card numbers never reach the audit file', async () => {
  const file = join(dir, 'secret.jsonl');
  await auditedRun(file, actions);
  const text = readFileSync(file, 'utf8');
  assert.ok(!text.includes(PASSWORD), 'password redacted');
  assert.ok(!text.includes(CARD) && !text.includes(CARD.replace(/ /g, '')), 'card number redacted');
  assert.match(text, /\[redacted\]/);
  // Redaction happens before hashing, so the chain still verifies.
  assert.ok(verifyAuditText(text).ok);
});

test('changing any single record, in any field, is detected at that record', async () => {
  const file = join(dir, 'tamper.jsonl');
  await auditedRun(file, actions);
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  assert.ok(lines.length > 10);
  for (let i = 0; i < lines.length; i++) {
    const rec = JSON.parse(lines[i]!) as Record<string, unknown>;
    for (const field of Object.keys(rec)) {
      const copy = { ...rec, [field]: typeof rec[field] === 'number' ? (rec[field] as number) + 1 : typeof rec[field] === 'string' ? `${rec[field] as string}x` : null };
      const mutated = [...lines];
      mutated[i] = JSON.stringify(copy);
      const v = verifyAuditText(mutated.join('\n') + '\n');
      assert.equal(v.ok, false, `line ${i + 1} field ${field}`);
      if (!v.ok) assert.ok(v.line === i + 1 || (field === 'hash' && v.line === i + 2), `line ${i + 1} field ${field}: reported ${v.line}`);
    }
  }
});

test('removing, duplicating or swapping records is detected; cutting off the end shows as not closed', async () => {
  const file = join(dir, 'order.jsonl');
  await auditedRun(file, actions);
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  const check = (ls: string[]) => verifyAuditText(ls.join('\n') + '\n');
  assert.equal(check(lines.filter((_, i) => i !== 3)).ok, false);
  assert.equal(check([...lines.slice(0, 4), lines[3]!, ...lines.slice(4)]).ok, false);
  assert.equal(check([...lines.slice(0, 2), lines[3]!, lines[2]!, ...lines.slice(4)]).ok, false);
  const cut = check(lines.slice(0, -2));
  assert.ok(cut.ok && !cut.closed);
});

test('a second session continues the chain in the same file; a broken file is not appended to', async () => {
  const file = join(dir, 'two.jsonl');
  await auditedRun(file, actions.slice(0, 1));
  await auditedRun(file, actions.slice(0, 1));
  const v = verifyAuditFile(file);
  assert.ok(v.ok && v.records > 10);
  writeFileSync(file, readFileSync(file, 'utf8').replace('"approve"', '"skip"'));
  assert.throws(() => new AuditLog(file), /broken at line/);
});

test('with an HMAC key, a log cannot be re-chained without the key', () => {
  const file = join(dir, 'keyed.jsonl');
  const log = new AuditLog(file, { key: 'k1' });
  log.write({ type: 'x', n: 1 });
  void log.close();
  assert.ok(verifyAuditFile(file, 'k1').ok);
  assert.equal(verifyAuditFile(file, 'other').ok, false);
  assert.equal(verifyAuditFile(file).ok, false);
});

test('magma-desk audit verify: exit 0 on an intact log, exit 1 naming the line of a mutated record', async () => {
  const file = join(dir, 'cli.jsonl');
  await auditedRun(file, actions);
  const ok = await runCli(['audit', 'verify', file], process.env);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /intact, \d+ records/);
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  const i = lines.findIndex((l) => l.includes('"type":"input"'));
  lines[i] = lines[i]!.replace('"kind":"click"', '"kind":"drag"');
  writeFileSync(file, lines.join('\n') + '\n');
  const bad = await runCli(['audit', 'verify', file], process.env);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, new RegExp(`TAMPERED at line ${i + 1}: its content does not match its hash`));
});
