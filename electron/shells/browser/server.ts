/**
 * The browser shell: the same renderer and the same IPC contract as the Electron app, served from 127.0.0.1 to a
 * browser (an app window of Chromium/Chrome here, or any browser when the agent runs in a VM or container).
 * Every path starts with a random token (http://127.0.0.1:PORT/TOKEN/), so the page, its scripts, the frames and
 * the WebSocket all carry it; the Host and Origin headers must name this server. Anything else is refused.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocketServer, type WebSocket } from 'ws';
import { WsRequestSchema, type WsServerMessage } from '../../common/ipc-contract.js';
import { createAppHost, type AppHost, type AppHostOptions } from '../../main/app-host.js';
import type { EngineFactory } from '../../main/engine.js';

const here = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(here, '../../..');
export const DEFAULT_RENDERER_DIR = join(REPO_ROOT, 'renderer', 'dist');

export interface BrowserShellOptions {
  engineFactory: EngineFactory;
  /** 0 or absent: a random free port. */
  port?: number;
  /** Open the UI in Chromium/Chrome as an app window (true), or with this browser executable (string). */
  open?: boolean | string;
  rendererDir?: string;
  /** Settings and history folder; absent: in memory only. */
  dataDir?: string;
  version?: string;
  log?: (line: string) => void;
  /** Warnings shown in the UI at start (Wayland, no display...). */
  warnings?: () => { id: string; message: string }[];
  /** Host options the shell passes through: the goal preflight, the display list, the server ports to detect. */
  host?: Pick<AppHostOptions, 'preflight' | 'displays' | 'serverPorts'>;
}

export interface BrowserShell {
  /** The URL with the token: the only way in. */
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  readonly port: number;
  readonly host: AppHost;
  readonly browser?: ChildProcess;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
};

export function contentSecurityPolicy(origin: string): string {
  const ws = origin.replace(/^http/, 'ws');
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    `connect-src 'self' ${ws}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Newest modification time (ms) of the files under these folders, skipping build output. */
function newestSource(dirs: readonly string[]): number {
  let newest = 0;
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name === 'dist' || e.name === 'node_modules') continue;
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  for (const d of dirs) if (existsSync(d)) walk(d);
  return newest;
}

/**
 * Builds renderer/dist when it is missing (a fresh checkout) or older than the renderer's sources (a pulled
 * change would otherwise be served stale): the shell serves only built files. esbuild takes about a second.
 */
export function ensureRendererBuilt(dir: string): void {
  const index = join(dir, 'index.html');
  const isDefault = resolve(dir) === resolve(DEFAULT_RENDERER_DIR);
  if (existsSync(index) && (!isDefault || statSync(index).mtimeMs >= newestSource([join(REPO_ROOT, 'renderer'), join(REPO_ROOT, 'electron', 'common')]))) return;
  if (!isDefault) throw new Error(`no renderer at ${dir}`);
  const r = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'build.mjs'), '--renderer'], { stdio: 'inherit' });
  if (r.status !== 0 || !existsSync(join(dir, 'index.html'))) throw new Error('building the renderer failed (node scripts/build.mjs --renderer)');
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function startBrowserShell(o: BrowserShellOptions): Promise<BrowserShell> {
  const log = o.log ?? (() => undefined);
  const rendererDir = o.rendererDir ?? DEFAULT_RENDERER_DIR;
  ensureRendererBuilt(rendererDir);
  const token = randomBytes(24).toString('base64url');
  let port = 0;
  let origin = '';
  const allowedHosts = () => [`127.0.0.1:${port}`, `localhost:${port}`];
  const allowedOrigins = () => [`http://127.0.0.1:${port}`, `http://localhost:${port}`];

  const host = createAppHost({
    engineFactory: o.engineFactory,
    shell: 'browser',
    version: o.version,
    dataDir: o.dataDir,
    status: () => ({ hotkeys: null, warnings: o.warnings?.() ?? [] }),
    ...o.host,
  });

  /** null = allowed; otherwise the reason it is refused. */
  function refuse(req: IncomingMessage, needOrigin: boolean): string | null {
    if (!allowedHosts().includes(req.headers.host ?? '')) return 'wrong host';
    const originHeader = req.headers.origin;
    if (originHeader !== undefined && !allowedOrigins().includes(originHeader)) return 'wrong origin';
    if (needOrigin && originHeader === undefined) return 'no origin';
    const site = req.headers['sec-fetch-site'];
    if (site === 'cross-site' || site === 'same-site') return 'cross-site request';
    const path = (req.url ?? '/').split('?')[0]!;
    const m = /^\/([A-Za-z0-9_-]+)(\/.*)?$/.exec(path);
    if (!m || !sameSecret(m[1]!, token)) return 'no token';
    return null;
  }

  const secureHeaders = (res: ServerResponse) => {
    res.setHeader('Content-Security-Policy', contentSecurityPolicy(origin));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    res.setHeader('X-Frame-Options', 'DENY');
  };

  const server = createServer((req, res) => {
    secureHeaders(res);
    const why = refuse(req, false);
    if (why) {
      log(`refused ${req.method} ${why}`);
      res.writeHead(403, { 'Content-Type': 'text/plain' }).end('refused\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET' }).end();
      return;
    }
    const rest = (req.url ?? '/').split('?')[0]!.slice(token.length + 1) || '/';
    if (rest === '/' || rest === '/index.html') return sendFile(res, 'index.html');
    const frame = /^\/frames\/([A-Za-z0-9_.:-]{1,200})\.png$/.exec(rest);
    if (frame) {
      // Every request is answered: a frame that cannot be read is a 500, not a response left open forever (which
      // also kept close() waiting on the browser's connection).
      void host.framePng(frame[1]!).then(
        (png) => {
          if (!png) res.writeHead(404, { 'Content-Type': 'text/plain' }).end('frame not kept\n');
          else res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': png.byteLength }).end(Buffer.from(png));
        },
        (e: unknown) => {
          log(`frame ${frame[1]} could not be read: ${e instanceof Error ? e.message : String(e)}`);
          if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' }).end('the screenshot could not be read\n');
          else res.destroy();
        },
      );
      return;
    }
    const asset = /^\/([A-Za-z0-9_-]+(?:\.[A-Za-z0-9]+)+)$/.exec(rest);
    if (asset && TYPES[extname(asset[1]!)]) return sendFile(res, asset[1]!);
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n');
  });

  function sendFile(res: ServerResponse, name: string) {
    const file = join(rendererDir, name);
    if (!existsSync(file)) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n');
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(name)] ?? 'application/octet-stream' }).end(readFileSync(file));
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: 256 * 1024 });
  const clients = new Set<WebSocket>();
  server.on('upgrade', (req, socket, head) => {
    const why = refuse(req, true) ?? ((req.url ?? '').split('?')[0] === `/${token}/ws` ? null : 'wrong path');
    if (why) {
      log(`refused websocket: ${why}`);
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      clients.add(ws);
      ws.on('close', () => clients.delete(ws));
      ws.on('message', (data, isBinary) => {
        if (isBinary) return ws.close(1003, 'text only');
        let msg: unknown;
        try {
          msg = JSON.parse(String(data));
        } catch {
          return ws.close(1007, 'not JSON');
        }
        const parsed = WsRequestSchema.safeParse(msg);
        if (!parsed.success) return ws.close(1008, 'not a request');
        const { id, channel, input } = parsed.data;
        void host.dispatch(channel, input).then((result) => send(ws, { kind: 'result', id, result }));
      });
    });
  });
  const send = (ws: WebSocket, m: WsServerMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(m));
  };
  const unsubscribe = host.subscribe((channel, payload) => {
    for (const ws of clients) send(ws, { kind: 'event', channel, payload });
  });

  await new Promise<void>((res, rej) => {
    server.once('error', rej);
    server.listen(o.port ?? 0, '127.0.0.1', () => res());
  });
  const addr = server.address();
  port = typeof addr === 'object' && addr ? addr.port : 0;
  origin = `http://127.0.0.1:${port}`;
  const url = `${origin}/${token}/`;

  let browser: ChildProcess | undefined;
  let profile: string | undefined;
  if (o.open) {
    const exe = typeof o.open === 'string' ? o.open : findBrowser();
    if (!exe) log(`no Chromium or Chrome found; open ${url} in a browser`);
    else {
      profile = mkdtempSync(join(tmpdir(), 'magma-desk-browser-'));
      browser = spawn(exe, appWindowArgs(url, profile), { stdio: 'ignore' });
      browser.on('error', (e) => log(`could not open ${exe}: ${e.message}; open ${url} in a browser`));
    }
  }

  return {
    url, origin, token, port, host, browser,
    async close() {
      unsubscribe();
      browser?.kill();
      for (const ws of clients) ws.terminate();
      await host.close();
      await new Promise<void>((res) => wss.close(() => res()));
      // A browser tab left open holds keep-alive connections; the shell closing does not wait for it.
      server.closeAllConnections();
      await new Promise<void>((res) => server.close(() => res()));
      if (profile) rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Chromium flags for a quiet app window with its own throwaway profile. */
export function appWindowArgs(url: string, profileDir: string): string[] {
  const args = [
    `--app=${url}`,
    `--user-data-dir=${profileDir}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--window-size=1100,800',
  ];
  // Chromium refuses to start as root with its sandbox on (containers); elsewhere the sandbox stays on.
  if (process.platform === 'linux' && process.getuid?.() === 0) args.push('--no-sandbox');
  return args;
}

export function findBrowser(env = process.env): string | undefined {
  const candidates = [
    env.MAGMA_DESK_BROWSER,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    env.PROGRAMFILES && join(env.PROGRAMFILES, 'Google/Chrome/Application/chrome.exe'),
    env['PROGRAMFILES(X86)'] && join(env['PROGRAMFILES(X86)'], 'Microsoft/Edge/Application/msedge.exe'),
  ];
  return candidates.find((c): c is string => !!c && existsSync(c));
}
