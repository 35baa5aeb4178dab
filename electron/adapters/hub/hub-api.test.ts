/** The Hub's conventions (HF_ENDPOINT, HF_TOKEN), repo names and paths, and the licence read from a model card. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hubConfigFromEnv, hubGet, isRepoId, resolveUrl, safeRepoPath } from './hub-api.js';
import { describeLicence, licenceFromModelCard } from './model-card.js';

test('HF_ENDPOINT picks a mirror (trailing slash dropped), huggingface.co otherwise; HF_TOKEN is taken as is; a bad endpoint is explained', () => {
  assert.deepEqual(hubConfigFromEnv({}), { endpoint: 'https://huggingface.co' });
  assert.deepEqual(hubConfigFromEnv({ HF_ENDPOINT: 'https://hf-mirror.com/', HF_TOKEN: ' hf_abc ' }), { endpoint: 'https://hf-mirror.com', token: 'hf_abc' });
  assert.throws(() => hubConfigFromEnv({ HF_ENDPOINT: 'hf-mirror.com' }), /HF_ENDPOINT is set to "hf-mirror.com", which is not a web address/);
  assert.throws(() => hubConfigFromEnv({ HF_ENDPOINT: 'file:///etc' }), /HF_ENDPOINT must start with https:\/\//);
});

test('repo names and file paths that could leave the download folder are refused; file URLs are escaped per segment', () => {
  assert.ok(isRepoId('microsoft/Magma-8B'));
  for (const bad of ['Magma-8B', '../x/y', 'a/..', 'a/b/c', 'a/b?x', '/a/b', 'a/.b']) assert.equal(isRepoId(bad), false, bad);
  assert.ok(safeRepoPath('model-00001-of-00004.safetensors'));
  assert.ok(safeRepoPath('images/a b.png'));
  for (const bad of ['../x', 'a/../../x', '/etc/passwd', 'C:/x', 'a\\..\\x', 'a//b', './a', 'x.safetensors.part', '']) assert.equal(safeRepoPath(bad), false, bad);
  assert.equal(resolveUrl({ endpoint: 'https://huggingface.co' }, 'o/n', 'a'.repeat(40), 'images/a b#1.png'), `https://huggingface.co/o/n/resolve/${'a'.repeat(40)}/images/a%20b%231.png`);
});

test('the licence comes from the model card header: plain, "other" with name and link, list form, quoted; none stated says so', () => {
  assert.deepEqual(licenceFromModelCard('---\nlicense: mit\ntags: [x]\n---\n# Card\n'), { id: 'mit' });
  assert.deepEqual(licenceFromModelCard('---\r\nlibrary_name: transformers\r\nlicense: other\r\nlicense_name: llama3\r\nlicense_link: https://llama.meta.com/llama3/license\r\n---\r\n'), { id: 'other', name: 'llama3', link: 'https://llama.meta.com/llama3/license' });
  assert.deepEqual(licenceFromModelCard('---\nlicense:\n  - apache-2.0\n---\n'), { id: 'apache-2.0' });
  assert.deepEqual(licenceFromModelCard("---\nlicense: 'cc-by-nc-4.0' # non-commercial\n---\n"), { id: 'cc-by-nc-4.0' });
  assert.equal(licenceFromModelCard('# No header\nlicense: mit\n'), undefined, 'a licence line outside the YAML header is not the card\'s licence');
  assert.equal(licenceFromModelCard('---\ntags: [x]\n---\n'), undefined);
  assert.equal(describeLicence(undefined), 'not stated in the model card');
  assert.equal(describeLicence({ id: 'other', name: 'llama3', link: 'https://l' }), 'other (llama3, https://l)');
});

test('redirects: the token follows a same-origin redirect, is dropped on another origin, the range is kept; https to http is refused', async () => {
  const seen: { url: string; auth: string | undefined; range: string | undefined }[] = [];
  const routes: Record<string, Response | (() => Response)> = {
    'https://hub.test/o/n/resolve/main/a': () => new Response(null, { status: 307, headers: { location: '/o2/n/resolve/main/a' } }),
    'https://hub.test/o2/n/resolve/main/a': () => new Response(null, { status: 302, headers: { location: 'https://cdn.test/blob?sig=1' } }),
    'https://cdn.test/blob?sig=1': () => new Response('data', { status: 206 }),
    'https://hub.test/o/n/resolve/main/b': () => new Response(null, { status: 302, headers: { location: 'http://cdn.test/blob' } }),
    'https://hub.test/o/n/resolve/main/c': () => new Response(null, { status: 302, headers: { location: 'https://hub.test/o/n/resolve/main/c' } }),
  };
  const fakeFetch = (async (input: string | URL, init?: RequestInit) => {
    const h = new Headers(init?.headers);
    seen.push({ url: String(input), auth: h.get('authorization') ?? undefined, range: h.get('range') ?? undefined });
    const r = routes[String(input)];
    return typeof r === 'function' ? r() : new Response('no', { status: 404 });
  }) as typeof fetch;
  const cfg = { endpoint: 'https://hub.test', token: 'hf_secret', fetch: fakeFetch };
  const { res, url } = await hubGet(cfg, 'https://hub.test/o/n/resolve/main/a', { what: 'a', headers: { range: 'bytes=5-' } });
  assert.equal(res.status, 206);
  assert.equal(url, 'https://cdn.test/blob?sig=1');
  assert.deepEqual(seen, [
    { url: 'https://hub.test/o/n/resolve/main/a', auth: 'Bearer hf_secret', range: 'bytes=5-' },
    { url: 'https://hub.test/o2/n/resolve/main/a', auth: 'Bearer hf_secret', range: 'bytes=5-' },
    { url: 'https://cdn.test/blob?sig=1', auth: undefined, range: 'bytes=5-' },
  ]);
  seen.length = 0;
  await assert.rejects(hubGet(cfg, 'https://hub.test/o/n/resolve/main/b', { what: 'b' }), /the Hub sent b to an insecure or unknown address \(http:\/\/cdn\.test\)/);
  assert.equal(seen.length, 1, 'the insecure address was not contacted');
  await assert.rejects(hubGet(cfg, 'https://hub.test/o/n/resolve/main/c', { what: 'c' }), /redirected c more than 8 times/);
});
