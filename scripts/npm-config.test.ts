/**
 * The npm setup a fresh clone gets: no project config npm does not know (npm 11 warns on every command and says
 * such keys stop working in its next major version), onnxruntime-node's CUDA download kept out of the install
 * through npm's own allowScripts policy, and `npm run gpu:cuda` still fetching CUDA when asked. No network: the
 * download is pointed at a local proxy that records where it was going and refuses.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function npm(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn('npm', args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (out += d));
    const t = setTimeout(() => { p.kill('SIGKILL'); reject(new Error(`npm ${args.join(' ')} timed out: ${out}`)); }, 90_000);
    p.on('exit', (code) => { clearTimeout(t); resolve({ code, out }); });
  });
}

describe('npm configuration of the project', () => {
  test('npm reads the project config without an "Unknown project config" warning', async () => {
    const r = await npm(['config', 'list']);
    assert.equal(r.code, 0, r.out);
    assert.doesNotMatch(r.out, /Unknown (project|user|builtin)? ?config/i);
    const keys = readFileSync(new URL('../.npmrc', import.meta.url), 'utf8').split('\n').filter((l) => l.trim() && !/^\s*[#;]/.test(l));
    assert.deepEqual(keys, [], '.npmrc sets nothing npm would have to know');
  });

  test("npm's install step does not run onnxruntime-node's download script (package.json allowScripts denies it)", async () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { allowScripts?: Record<string, boolean> };
    assert.equal(pkg.allowScripts?.['onnxruntime-node'], false);
    const r = await npm(['rebuild', 'onnxruntime-node', '--foreground-scripts']);
    assert.equal(r.code, 0, r.out);
    assert.doesNotMatch(r.out, /onnxruntime-node@[\d.]+ postinstall/, 'the postinstall ran');
  });

  test('npm run gpu:cuda still goes for the CUDA provider libraries', async () => {
    const connects: string[] = [];
    const proxy = createServer((_q, res) => res.end());
    proxy.on('connect', (req, socket) => {
      connects.push(req.url ?? '');
      socket.destroy();
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    try {
      // onnxruntime-node's downloader honours global-agent's proxy variables; the proxy refuses, so nothing lands.
      const r = await npm(['run', 'gpu:cuda'], { GLOBAL_AGENT_HTTPS_PROXY: url, GLOBAL_AGENT_HTTP_PROXY: url, ONNXRUNTIME_NODE_INSTALL: '', ONNXRUNTIME_NODE_INSTALL_CUDA: '' });
      assert.ok(connects.some((c) => c.startsWith('api.nuget.org')), `gpu:cuda did not try to download (requests: ${connects.join(', ') || 'none'}): ${r.out}`);
    } finally {
      proxy.close();
    }
  });
});
