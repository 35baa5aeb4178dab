/**
 * The UI Automation source's mapping, over reads in the addon's output shape (tests/fixtures/perception/uia: written
 * by hand, see its README; the addon itself runs only on Windows). What a person would check: the buttons, fields
 * and their states come out with AT-SPI's role words, right boxes and the program's name; a password field gives
 * its name and never a text; containers are not marks; a failed, partial or empty read says why in plain words.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { A11yNodeSchema } from '../common/a11y.js';
import { createUiaSource, type UiaAddon, type UiaRawTree } from './uia-source.js';

const fixture = (name: string): UiaRawTree =>
  JSON.parse(readFileSync(new URL(`../../tests/fixtures/perception/uia/${name}.json`, import.meta.url), 'utf8')) as UiaRawTree;

/** An addon that answers uiaTree with `answer` and counts the calls. */
function fakeAddon(answer: () => Promise<UiaRawTree>): UiaAddon & { calls: Array<[number, number]> } {
  const calls: Array<[number, number]> = [];
  return { platform: 'windows', calls, uiaTree: (m, t) => (calls.push([m, t]), answer()) };
}

test('Calculator: named buttons and labels become marks in physical px, containers and unnamed labels do not, the app is the one drawing the buttons', async () => {
  const addon = fakeAddon(async () => fixture('calculator'));
  const read = await createUiaSource({ addon, maxNodes: 800, timeoutMs: 250 }).read();
  assert.deepEqual(addon.calls, [[800, 250]], 'the limits reach the addon');
  for (const n of read.nodes) A11yNodeSchema.parse(n);
  const names = read.nodes.map((n) => `${n.role}:${n.name}`);
  assert.deepEqual(names, [
    'title bar:Calculator', 'push button:Minimise Calculator', 'push button:Open Navigation', 'label:Standard Calculator mode',
    'push button:Keep on top', 'label:Display is 0', 'push button:Seven', 'push button:Eight', 'push button:Plus',
    'push button:Equals', 'push button:Memory recall',
  ]);
  const seven = read.nodes.find((n) => n.name === 'Seven')!;
  assert.deepEqual(seven.screen, [609, 780, 726, 840], 'the box is the addon\'s, [x1, y1, x2, y2]');
  assert.equal(seven.states.focused, true);
  assert.equal(seven.app, 'CalculatorApp');
  assert.equal(read.nodes.find((n) => n.name === 'Memory recall')!.states.enabled, false, 'a greyed-out button is kept, not enabled');
  assert.equal(read.nodes.find((n) => n.name === 'Keep on top')!.description, 'Keep on top (Alt+Up)', 'the tooltip is the description');
  assert.equal(read.nodes.find((n) => n.name === 'Open Navigation')!.description, undefined, 'a tooltip equal to the name adds nothing');
  assert.equal(read.app, 'CalculatorApp', 'the program the person sees, not ApplicationFrameHost');
  assert.equal(read.note, undefined);
  assert.equal(typeof read.ms, 'number');
});

test('sign-in dialog: the password field keeps its name and carries no text; check boxes, radio buttons and fields have their states', async () => {
  const read = await createUiaSource({ addon: fakeAddon(async () => fixture('sign-in')) }).read();
  const by = (name: string) => read.nodes.find((n) => n.name === name);
  const password = read.nodes.find((n) => n.role === 'password text')!;
  assert.equal(password.name, 'Password');
  assert.equal(password.states.protected, true);
  assert.equal(password.states.editable, true);
  assert.equal(password.text, undefined);
  assert.ok(!JSON.stringify(read).includes('"text":'), 'no node carries a text: the addon reads no Value or Text content');
  assert.deepEqual(read.nodes.filter((n) => n.name === 'User name').map((n) => n.role), ['label', 'text'], 'the label and the field');
  assert.deepEqual(read.nodes.find((n) => n.role === 'text' && n.name === 'User name')!.states,
    { enabled: true, focused: true, editable: true, showing: true, protected: false });
  assert.equal(by('Account ID')!.states.editable, false, 'a read-only field takes no typing');
  assert.equal(by('Domain')!.states.editable, false, 'a drop-down list without a Value pattern takes no typing');
  assert.equal(by('Remember me')!.states.checked, true);
  assert.equal(by('Use a security key')!.states.checked, false);
  assert.equal(by('Work account')!.states.checked, true, 'a radio button is checked by its selection');
  assert.equal(by('Personal account')!.states.checked, false);
  assert.equal(by('Sign in')!.states.checked, undefined, 'a push button cannot be checked');
  assert.equal(by('Show password')!.role, 'toggle button', 'a button with the Toggle pattern is a toggle button');
  assert.equal(by('Show password')!.states.checked, false);
  assert.equal(by('Forgot password?')!.role, 'link');
  assert.deepEqual(by('Cancel')!.screen, [670, 560, 780, 596], 'clipped to the window');
  assert.equal(by('Help'), undefined, 'wholly outside the window: not a mark');
  assert.equal(by('Sign in')?.role, 'push button');
  assert.equal(read.app, 'SignInDemo');
});

test('toScreen is where a monitor scale would apply: boxes and the window go through it', async () => {
  const read = await createUiaSource({ addon: fakeAddon(async () => fixture('calculator')), toScreen: (b) => [b[0] / 1.5, b[1] / 1.5, b[2] / 1.5, b[3] / 1.5] }).read();
  assert.deepEqual(read.nodes.find((n) => n.name === 'Equals')!.screen, [965 / 1.5, 963 / 1.5, 1074 / 1.5, 1024 / 1.5]);
});

test('a window with more controls than the limit, or none, and a failed read each say so in plain words', async () => {
  const big = { ...fixture('sign-in'), truncated: true };
  const partial = await createUiaSource({ addon: fakeAddon(async () => big), maxNodes: 15 }).read();
  assert.ok(partial.nodes.length > 0);
  assert.match(partial.note!, /^SignInDemo \(the window in front\) has more than 15 controls; Magma Desk read the first 15, and the screen parser finds the rest\.$/);

  const empty = await createUiaSource({ addon: fakeAddon(async () => ({ ...fixture('sign-in'), nodes: [] })) }).read();
  assert.deepEqual(empty.nodes, []);
  assert.match(empty.note!, /^SignInDemo \(the window in front\) shows no controls to Windows UI Automation, so the screen parser alone finds its elements\.$/);

  const hung = await createUiaSource({ addon: fakeAddon(async () => { throw new Error('the window in front (Game.exe) did not answer UI Automation within 400 ms; it may be busy or hung. Wait for it, or switch to another window, and try again'); }) }).read();
  assert.deepEqual(hung.nodes, []);
  assert.equal(hung.note, 'The window in front (Game.exe) did not answer UI Automation within 400 ms; it may be busy or hung. Wait for it, or switch to another window, and try again. Meanwhile the screen parser alone finds the elements.');
});

test('an abort rejects at once; a read still waiting on the window is joined, never started twice', async () => {
  let release!: (t: UiaRawTree) => void;
  const addon = fakeAddon(() => new Promise<UiaRawTree>((r) => (release = r)));
  const source = createUiaSource({ addon });
  const stop = new AbortController();
  const first = source.read(stop.signal);
  stop.abort();
  await assert.rejects(first, { name: 'AbortError' });
  const second = source.read();
  assert.equal(addon.calls.length, 1, 'the second read joins the native call still in flight');
  release(fixture('sign-in'));
  assert.equal((await second).app, 'SignInDemo');
  const third = source.read();
  assert.equal(addon.calls.length, 2, 'once it answered, the next read asks again');
  release(fixture('calculator'));
  assert.equal((await third).app, 'CalculatorApp');
  const already = new AbortController();
  already.abort();
  await assert.rejects(source.read(already.signal), { name: 'AbortError' });
  await source.close();
});

test('off Windows the source is never built: it says so instead of loading the addon', () => {
  assert.throws(() => createUiaSource({}, 'linux'), /runs only on Windows; this computer runs linux/);
  assert.throws(() => createUiaSource({ addon: { platform: 'x11' } as unknown as UiaAddon }), /no Windows accessibility reader: reinstall Magma Desk/);
});
