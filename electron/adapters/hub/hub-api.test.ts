/** The Hub's conventions (HF_ENDPOINT, HF_TOKEN), repo names and paths, and the licence read from a model card. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hubConfigFromEnv, isRepoId, resolveUrl, safeRepoPath } from './hub-api.js';
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
