import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { RunSummary } from '../common/ipc-contract.js';
import type { RunEvent } from '../common/run-events.js';
import { DISPLAY, scriptedEngine, solidPng } from '../../tests/e2e/scripted-engine.js';
import { createAppHost } from './app-host.js';
import { createHistoryStore, redactPieces, type HistoryCaps } from './history-store.js';

const BIG: HistoryCaps = { maxBytes: 1e9, maxAgeMs: 1e13 };
const tmp = () => mkdtempSync(join(tmpdir(), 'magma-history-'));
const files = (d: string): string[] => (existsSync(d) ? readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? files(join(d, n)) : [join(d, n)])) : []);

/** A finished run of `steps` clicks, each with a before and an after frame. */
function run(runId: string, at: number, steps = 1, png = solidPng(32, 20, 90)) {
  const summary: RunSummary = { runId, goal: `goal of ${runId}`, planner: 'command', status: 'done', startedAt: at, finishedAt: at + 10, steps };
  const events: RunEvent[] = [{ type: 'run_started', runId, goal: summary.goal, planner: 'command', at }];
  const frames = new Map<string, Uint8Array>();
  for (let s = 0; s < steps; s++) {
    events.push(
      { type: 'frame', step: s, frameId: `${runId}-f${s}`, width: 32, height: 20, display: DISPLAY },
      { type: 'proposal', step: s, action: { kind: 'click', target: { mark: 0 } }, description: 'click #0', reasoning: `because ${s}` },
      { type: 'executed', step: s, action: { kind: 'click', target: { mark: 0 } }, screenPoints: [], changed: true, afterFrameId: `${runId}-a${s}`, ms: 1 },
    );
    frames.set(`${runId}-f${s}`, png).set(`${runId}-a${s}`, png);
  }
  events.push({ type: 'run_finished', status: 'done', reason: 'done', at: at + 10 });
  return { summary, events, frames };
}

test('a restart keeps the runs and their screenshots, in private files', () => {
  const dir = join(tmp(), 'history');
  const png = solidPng(32, 20, 77);
  const a = createHistoryStore({ dir, caps: BIG });
  a.load();
  a.save(run('run-1', 1000, 2, png));
  a.save(run('run-2', 2000, 1, png));
  const b = createHistoryStore({ dir, caps: BIG });
  b.load();
  assert.deepEqual(b.list().map((r) => r.runId), ['run-2', 'run-1'], 'newest first');
  assert.equal(b.get('run-1')?.filter((e) => e.type === 'proposal').length, 2);
  assert.deepEqual(b.framePng('run-1-a1'), Buffer.from(png));
  assert.equal(statSync(dir).mode & 0o777, 0o700);
  for (const f of files(dir)) assert.equal(statSync(f).mode & 0o777, 0o600, f);
  assert.equal(statSync(join(dir, 'run-1')).mode & 0o777, 0o700);
  assert.ok(b.bytes() >= 6 * png.byteLength);
});

test('frame ids never become paths: traversal and unknown ids find nothing, a tampered file map is ignored', () => {
  const dir = join(tmp(), 'history');
  writeFileSync(join(dir, '..', 'settings.json'), '{"secret":1}');
  const s = createHistoryStore({ dir, caps: BIG });
  s.load();
  s.save(run('run-1', 1000));
  for (const id of ['../settings.json', '..', '../../etc/passwd', 'run-1/0.png', '0.png', 'run-1-f0/../../settings.json', '']) assert.equal(s.framePng(id), undefined, id);
  // A run file edited to point a frame outside its folder: that frame is dropped, the run still loads.
  const f = join(dir, 'run-1', 'run.jsonl');
  const lines = readFileSync(f, 'utf8').split('\n');
  const head = JSON.parse(lines[0]!);
  head.frames['run-1-f0'] = '../../settings.json';
  writeFileSync(f, [JSON.stringify(head), ...lines.slice(1)].join('\n'));
  const again = createHistoryStore({ dir, caps: BIG });
  again.load();
  assert.equal(again.list().length, 1);
  assert.equal(again.framePng('run-1-f0'), undefined);
  assert.ok(again.framePng('run-1-a0'));
});

test('caps: runs older than the age limit go, then the oldest while the total passes the size limit', () => {
  const dir = join(tmp(), 'history');
  let now = 100 * 86_400_000;
  const png = new Uint8Array(100_000).fill(7);
  const s = createHistoryStore({ dir, caps: { maxBytes: 1e9, maxAgeMs: 30 * 86_400_000 }, now: () => now });
  s.load();
  s.save(run('old', now - 40 * 86_400_000, 1, png));
  assert.deepEqual(s.list().map((r) => r.runId), [], 'a 40-day-old run is over a 30-day limit');
  assert.equal(existsSync(join(dir, 'old')), false, 'its folder is gone');
  for (const [i, id] of ['r1', 'r2', 'r3'].entries()) s.save(run(id, now + i * 1000, 1, png));
  assert.equal(s.list().length, 3);
  s.setCaps({ maxBytes: 450_000, maxAgeMs: 30 * 86_400_000 });
  assert.deepEqual(s.list().map((r) => r.runId), ['r3', 'r2'], 'the oldest run went first');
  assert.ok(s.bytes() <= 450_000);
  assert.equal(existsSync(join(dir, 'r1')), false);
  now += 31 * 86_400_000;
  const later = createHistoryStore({ dir, caps: { maxBytes: 1e9, maxAgeMs: 30 * 86_400_000 }, now: () => now });
  later.load();
  assert.deepEqual(later.list(), [], 'a month later, at the next start, all are past the age limit');
});

test('delete all removes every file: runs, damaged runs, leftovers and the old history.jsonl', () => {
  const data = tmp();
  const dir = join(data, 'history');
  const s = createHistoryStore({ dir, legacyFile: join(data, 'history.jsonl'), caps: BIG });
  s.load();
  s.save(run('run-1', 1000));
  mkdirSync(join(dir, 'broken'));
  writeFileSync(join(dir, 'broken', 'run.jsonl'), 'not json');
  writeFileSync(join(data, 'history.jsonl'), 'x\n');
  assert.equal(s.clear(), 1);
  assert.deepEqual(files(dir), []);
  assert.equal(existsSync(join(data, 'history.jsonl')), false);
  assert.equal(s.framePng('run-1-f0'), undefined);
});

test('damaged runs are skipped and an interrupted write is removed at the next start', () => {
  const dir = join(tmp(), 'history');
  const s = createHistoryStore({ dir, caps: BIG });
  s.load();
  s.save(run('good', 1000));
  for (const [name, text] of [['garbage', '\u0000\u0001 not json'], ['nosummary', '{"v":1}\n'], ['badsummary', '{"v":1,"summary":{"runId":5}}\n']] as const) {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, 'run.jsonl'), text);
  }
  mkdirSync(join(dir, 'empty'));
  mkdirSync(join(dir, '.tmp-half'));
  writeFileSync(join(dir, '.tmp-half', '0.png'), solidPng(4, 4, 1));
  // A damaged event line inside a good run is dropped, the rest of the run stays.
  writeFileSync(join(dir, 'good', 'run.jsonl'), readFileSync(join(dir, 'good', 'run.jsonl'), 'utf8') + '{"type":"nope"}\n');
  const again = createHistoryStore({ dir, caps: BIG });
  again.load();
  assert.deepEqual(again.list().map((r) => r.runId), ['good']);
  assert.equal(again.get('good')?.at(-1)?.type, 'run_finished');
  assert.equal(existsSync(join(dir, '.tmp-half')), false);
});

test('a step that typed into a password field, or typed a key or card number, keeps no screenshot and no typed text', () => {
  const dir = join(tmp(), 'history');
  const s = createHistoryStore({ dir, caps: BIG });
  s.load();
  const r = run('run-pw', 1000, 4);
  const pw = 'hunter2-Quiet';
  const card = '4111 1111 1111 1111';
  const typeAt = (step: number, text: string, reasons: string[]): RunEvent[] => [
    { type: 'proposal', step, action: { kind: 'type', text, target: { mark: 1 } }, description: `type ${JSON.stringify(text)}`, reasoning: `I will type ${text}` },
    {
      type: 'approval_requested',
      request: {
        id: `appr-${step}-xxxxxx`, runId: 'run-pw', step, action: { kind: 'type', text, target: { mark: 1 } }, description: `type "${text}"`,
        screenPoints: [], frameId: `run-pw-f${step}`, risk: { tier: reasons.length ? 'high' : 'normal', reasons }, expiresAt: 1,
      },
    },
  ];
  // Step 1 types into a field the gate called a password field; step 2 types a card number; steps 0 and 3 click.
  const events = r.events.flatMap((e): RunEvent[] => {
    if (e.type === 'proposal' && e.step === 1) return typeAt(1, pw, ['typing into "Password", which looks like a password or secret field']);
    if (e.type === 'proposal' && e.step === 2) return typeAt(2, card, []);
    if (e.type === 'executed' && (e.step === 1 || e.step === 2)) return [{ ...e, action: { kind: 'type', text: e.step === 1 ? pw : card } }];
    return [e];
  });
  // Step 3's screen shows part of the password in recognized text (a field that is not masked).
  events.splice(events.findIndex((e) => e.type === 'frame' && e.step === 3) + 1, 0, {
    type: 'perceived', step: 3, frameId: 'run-pw-f3', ms: 1,
    elements: [{ id: 0, kind: 'field', bbox: [0, 0, 10, 10], text: 'hunter2-Qu', interactive: true, confidence: 1, source: 'ocr' }],
  });
  s.save({ ...r, events });
  const kept = new Set(['run-pw-f0', 'run-pw-a0', 'run-pw-a3']);
  for (const id of r.frames.keys()) assert.equal(Boolean(s.framePng(id)), kept.has(id), id);
  assert.deepEqual(s.frameIds('run-pw').sort(), [...kept].sort());
  const pngs = files(join(dir, 'run-pw')).filter((f) => f.endsWith('.png'));
  assert.equal(pngs.length, 3, 'only the three frames of the click steps are on disk');
  const text = readFileSync(join(dir, 'run-pw', 'run.jsonl'), 'utf8');
  for (const p of ['hunter', 'er2-Qu', 'Quiet', '4111 1', '1111111111111111']) assert.ok(!text.includes(p), p);
  assert.match(text, /\[redacted\]/);
  const back = s.get('run-pw')!;
  assert.ok(back.some((e) => e.type === 'notice' && /steps 2, 3/.test(e.message)), 'a notice says which screenshots were not kept');
  assert.equal(back.at(-1)?.type, 'run_finished');
});

test('pieces of a typed secret are redacted wherever they appear', () => {
  assert.equal(redactPieces('field shows C39HqLy now', ['sk-live-4eC39HqLyjWD']), 'field shows [redacted] now');
  assert.equal(redactPieces('nothing here', ['sk-live-4eC39HqLyjWD']), 'nothing here');
});

test('the old history.jsonl is migrated into the store (redacted) and removed', () => {
  const data = tmp();
  const legacy = run('run-old', 5000);
  legacy.events.push({ type: 'notice', level: 'info', message: 'key sk-live-4eC39HqLyjWDarjtT1zdp7dc' });
  writeFileSync(join(data, 'history.jsonl'), `${JSON.stringify({ summary: legacy.summary, events: legacy.events })}\nnot json\n`);
  const s = createHistoryStore({ dir: join(data, 'history'), legacyFile: join(data, 'history.jsonl'), caps: BIG });
  s.load();
  assert.deepEqual(s.list().map((r) => r.runId), ['run-old']);
  assert.equal(existsSync(join(data, 'history.jsonl')), false);
  assert.ok(!readFileSync(join(data, 'history', 'run-old', 'run.jsonl'), 'utf8').includes('4eC39HqLyjWD'));
});

test('app host: a finished run\'s screenshots are served after a restart, from the history store', async () => {
  const data = tmp();
  const clicks = [{ kind: 'click' as const, target: { mark: 0 } }];
  const first = createAppHost({ engineFactory: () => scriptedEngine({ actions: clicks }), shell: 'browser', dataDir: data });
  await first.dispatch('settings:set', { history: true, historyAsked: true });
  const started = await first.dispatch('run:start', { goal: 'click 7' });
  assert.ok(started.ok);
  const runId = (started as { value: { runId: string } }).value.runId;
  for (let i = 0; i < 50 && first.state().status !== 'awaiting_approval'; i++) await new Promise((r) => setTimeout(r, 5));
  await first.dispatch('approval:decide', { approvalId: first.state().pending!.id, verdict: 'approve' });
  await first.idle();
  await first.close();
  // A new host (the app restarted) whose engine has never seen these frames.
  const second = createAppHost({ engineFactory: () => scriptedEngine({ actions: [] }), shell: 'browser', dataDir: data });
  const list = await second.dispatch('history:list', {});
  assert.ok(list.ok);
  const v = (list as { value: { runs: RunSummary[]; dir: string } }).value;
  assert.deepEqual(v.runs.map((r) => r.runId), [runId]);
  assert.equal(v.dir, join(data, 'history'));
  const png = await second.framePng(`${runId}-s0`);
  assert.deepEqual(png && Buffer.from(png).subarray(0, 4), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  assert.ok(await second.framePng(`${runId}-a0`));
  assert.equal(await second.framePng('../settings.json'), undefined);
  // Turning history off deletes what was kept.
  await second.dispatch('settings:set', { history: false });
  assert.equal(await second.framePng(`${runId}-s0`), undefined);
  assert.deepEqual(files(join(data, 'history')), []);
});

test('app host: frames are copied as the run goes, so a run longer than the engine keeps frames loses none', async () => {
  const data = tmp();
  const steps = 6;
  const engine = scriptedEngine({ actions: Array.from({ length: steps }, () => ({ kind: 'click' as const, target: { mark: 0 } })) });
  // Like FrameStore with a small capacity: only the two newest frames can be fetched.
  const seen: string[] = [];
  const inner = engine.framePng;
  const forgetful = { ...engine, framePng: (id: string) => (seen.includes(id) || seen.push(id), seen.slice(-2).includes(id) ? inner(id) : undefined) };
  const host = createAppHost({ engineFactory: () => forgetful, shell: 'browser', dataDir: data });
  await host.dispatch('settings:set', { history: true, historyAsked: true });
  const started = await host.dispatch('run:start', { goal: 'six clicks' });
  const runId = (started as { value: { runId: string } }).value.runId;
  for (let step = 0; step < steps; step++) {
    for (let i = 0; i < 400 && host.state().pending?.step !== step; i++) await new Promise((r) => setTimeout(r, 2));
    await host.dispatch('approval:decide', { approvalId: host.state().pending!.id, verdict: 'approve' });
  }
  await host.idle();
  const got = await host.dispatch('history:get', { runId });
  assert.equal((got as { value: { frames: string[] } }).value.frames.length, 2 * steps, 'every before and after frame is kept');
  await host.close();
});

test('app host: a settings file from before history had caps loads, with the default caps and the question still to ask', async () => {
  const data = tmp();
  writeFileSync(join(data, 'settings.json'), JSON.stringify({ planner: 'command', history: true, maxSteps: 7 }));
  const host = createAppHost({ engineFactory: () => scriptedEngine({ actions: [] }), shell: 'browser', dataDir: data });
  const s = host.settings();
  assert.equal(s.history, true);
  assert.equal(s.maxSteps, 7);
  assert.equal(s.historyMaxMB, 500);
  assert.equal(s.historyMaxDays, 30);
  assert.equal(s.historyAsked, false);
  await host.close();
});
