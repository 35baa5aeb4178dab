/**
 * The AT-SPI2 element source and Chromium under Xvfb with a private session bus and AT-SPI bus:
 * - a Chromium that was ALREADY RUNNING when the source set IsEnabled: what happens is read from the bus and said
 *   to the person (Chromium 156 decides at start-up whether to publish a tree and never does later), and close()
 *   sets IsEnabled back to false;
 * - a Chromium started while a source is open publishes its tree (the source asks it to build the tree): a web
 *   form's fields, button and link with names and boxes; a password typed into <input type=password> (clicked at
 *   the centre of its box from the tree, typed with xdotool) is in no node, while text typed the same way into a
 *   normal field is read back (so the password check could fail).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { A11yNode, A11yRead } from '../../electron/common/a11y.js';
import { connectBus, type DBusConnection } from '../../electron/adapters/atspi/bus.js';
import { createAtspiSource, type AtspiSource } from '../../electron/adapters/atspi/source.js';
import { startAtspiSession, type AtspiSession } from '../support/atspi-session.js';
import { kill, requireTools, sleep, startApp, startXvfb, waitForWindow, type XDisplay } from '../support/xvfb.js';

requireTools('xdotool', 'chromium');

const SECRET = 'Zq9hunter2secret';
const PLAIN = 'visibletyped';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--window-position=0,0', '--window-size=1000,700'];

let x: XDisplay;
let session: AtspiSession;
let bus: DBusConnection;
let page: string;
before(async () => {
  x = await startXvfb(1280, 800);
  session = await startAtspiSession(x.env);
  bus = await connectBus(session.sessionBusAddress);
  const dir = mkdtempSync(join(tmpdir(), 'atspi-web-'));
  page = join(dir, 'form.html');
  writeFileSync(page, `<!doctype html><meta charset="utf-8"><title>Sign in form</title>
    <body style="font: 20px sans-serif; margin: 40px">
    <p><label>User name <input id="u" style="font-size:20px"></label></p>
    <p><label>Password <input id="p" type="password" style="font-size:20px"></label></p>
    <p><button>Sign in</button> <a href="#help">Forgot your password?</a></p>`);
});
after(async () => {
  bus?.close();
  await session?.stop();
  await x?.stop();
});

const isEnabled = () => bus.getProperty<boolean>('org.a11y.Bus', '/org/a11y/bus', 'org.a11y.Status', 'IsEnabled');
const chromium = (userDataDir: string) => startApp('chromium', [...CHROMIUM_ARGS, `--user-data-dir=${userDataDir}`, `file://${page}`], session.env);

async function readUntil(source: AtspiSource, ok: (r: A11yRead) => boolean, timeoutMs = 20_000): Promise<A11yRead> {
  const end = Date.now() + timeoutMs;
  let r = await source.read();
  while (!ok(r) && Date.now() < end) {
    await sleep(300);
    r = await source.read();
  }
  return r;
}

describe('a Chromium already running before IsEnabled is set', () => {
  it('reads no tree, names Chromium and its flag for the person, and close() sets IsEnabled back to false', async () => {
    assert.equal(await isEnabled(), false);
    const app = chromium(mkdtempSync(join(tmpdir(), 'chr-')));
    try {
      await waitForWindow('Sign in form', session.env, 20_000);
      const source = await createAtspiSource({ env: session.env, userDataDir: mkdtempSync(join(tmpdir(), 'atspi-ud-')), timeoutMs: 5000 });
      assert.equal(await isEnabled(), true);
      // Chromium is given time to react to IsEnabled; it does not (it chose at start-up).
      await sleep(3000);
      const r = await source.read();
      assert.deepEqual(r.nodes, []);
      assert.equal(r.app, 'Chromium', 'the application, not the page title');
      assert.match(r.note ?? '', /^Chromium shows no accessibility tree/);
      assert.match(r.note ?? '', /--force-renderer-accessibility/);
      assert.match(r.note ?? '', /screen parser/);
      await source.close();
      assert.equal(await isEnabled(), false);
    } finally {
      await kill(app);
    }
  });
});

describe('a Chromium started while the source is open', () => {
  let app: ReturnType<typeof startApp>;
  let source: AtspiSource;
  before(async () => {
    source = await createAtspiSource({ env: session.env, userDataDir: mkdtempSync(join(tmpdir(), 'atspi-ud-')), timeoutMs: 5000 });
    app = chromium(mkdtempSync(join(tmpdir(), 'chr-')));
    await waitForWindow('Sign in form', session.env, 20_000);
  });
  after(async () => {
    await source?.close();
    if (app) await kill(app);
  });

  const field = (r: A11yRead, role: string) => r.nodes.find((n) => n.role === role && /User name|Password/.test(n.name));
  const words = (n: A11yNode) => [n.name, n.text ?? '', n.description ?? ''].join('\n');

  it("reads the form's fields, button and link; a typed password is in no node, typed plain text is", async () => {
    let r = await readUntil(source, (r) => !!field(r, 'password text') && !!field(r, 'entry'));
    assert.equal(r.app, 'Chromium');
    const user = field(r, 'entry')!;
    const pass = field(r, 'password text')!;
    assert.ok(user && pass, `fields read: ${r.nodes.map((n) => `${n.role}:${n.name}`).join(', ')}`);
    assert.equal(pass.name, 'Password');
    assert.equal(pass.states.protected, true);
    assert.ok(r.nodes.some((n) => n.role === 'push button' && n.name === 'Sign in'));
    assert.ok(r.nodes.some((n) => n.role === 'link' && n.name === 'Forgot your password?'));

    // Typed where the tree says the fields are: the box is checked against the pixels by the text landing there.
    for (const [n, text] of [[user, PLAIN], [pass, SECRET]] as const) {
      const c = { x: Math.round((n.screen[0] + n.screen[2]) / 2), y: Math.round((n.screen[1] + n.screen[3]) / 2) };
      spawnSync('xdotool', ['mousemove', String(c.x), String(c.y), 'click', '1'], { env: session.env });
      await sleep(300);
      spawnSync('xdotool', ['type', '--delay', '20', text], { env: session.env });
    }
    r = await readUntil(source, (r) => field(r, 'entry')?.text === PLAIN, 10_000);
    assert.equal(field(r, 'entry')?.text, PLAIN, 'plain text typed into the user name field is read back');
    const after = field(r, 'password text')!;
    assert.equal(after.text, undefined);
    assert.ok(after.states.focused, 'the password field has the focus (the secret went there)');
    for (const n of r.nodes) assert.ok(!words(n).includes(SECRET) && !words(n).includes('•'.repeat(SECRET.length)), `no node carries the password: ${n.role} ${n.name}`);
  });
});
