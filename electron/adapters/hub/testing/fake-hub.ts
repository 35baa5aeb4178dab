/**
 * Test support: a Hugging Face Hub on loopback in the Hub's URL layout, and a second loopback origin standing for
 * its LFS storage (the CDN), serving a tiny checkpoint in the shape of the microsoft/Magma-8B release.
 *   hub  GET /api/models/{org}/{name}/revision/{rev}?blobs=true   sha, siblings {rfilename,size,blobId,lfs}
 *        GET /{org}/{name}/resolve/{rev}/{path}   small files: 200 (ranges honoured); LFS: 302 to the storage
 *            origin with a signed URL, X-Linked-Etag/X-Linked-Size/X-Repo-Commit; errors with X-Error-Code
 *   cdn  GET /lfs/{sha256}?sig=N   206/200 with ranges; 403 once a signature is expired
 * Knobs make the faults the tests need: a connection dropped after N bytes, a stall after N bytes, an expired
 * signature, one corrupted byte, a server that ignores ranges. Every request is recorded with its headers (to check where the token went).
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRepo {
  readonly files: Record<string, Uint8Array>;
  /** Files stored in LFS (redirected to the storage origin); default: *.safetensors. */
  readonly lfs?: (path: string) => boolean;
  readonly private?: boolean;
  readonly gated?: 'manual' | 'auto';
}

export interface Recorded {
  readonly origin: 'hub' | 'cdn';
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly status: number;
}

export interface FakeHub {
  readonly endpoint: string;
  readonly cdnOrigin: string;
  readonly sha: string;
  readonly requests: Recorded[];
  /** Next response for this path (repo file path): write this many bytes, then cut the connection. */
  dropAfter: Map<string, number>;
  /** Next response for this path: write this many bytes, then stay silent until the client goes away. */
  stallAfter: Map<string, number>;
  /** Every signed URL issued so far expires when a connection is dropped (the resume must ask the Hub again). */
  expireOnDrop: boolean;
  /** Serve these files with one byte flipped (the listing keeps the true hash). */
  corrupt: Set<string>;
  /** Answer range requests for these files with the whole file (200), as some servers do. */
  ignoreRange: Set<string>;
  close(): Promise<void>;
}

/** Tokens the fake knows: one with access to everything, one whose account has not accepted gated terms. */
export const TOKEN_OK = 'hf_fake_token_ok';
export const TOKEN_NOT_ACCEPTED = 'hf_fake_token_not_accepted';

export function gitBlobId(b: Uint8Array): string {
  return createHash('sha1').update(`blob ${b.length}\0`).update(b).digest('hex');
}
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

export async function startFakeHub(repos: Record<string, FakeRepo>): Promise<FakeHub> {
  const sha = createHash('sha1').update(JSON.stringify(Object.keys(repos))).digest('hex');
  const requests: Recorded[] = [];
  const signatures = new Map<string, { path: string; expired: boolean }>();
  let nextSig = 1;
  const state = { dropAfter: new Map<string, number>(), stallAfter: new Map<string, number>(), expireOnDrop: false, corrupt: new Set<string>(), ignoreRange: new Set<string>() };
  const byLfs = new Map<string, { repo: string; path: string }>();
  for (const [repo, r] of Object.entries(repos)) for (const [p, b] of Object.entries(r.files)) if (isLfs(r, p)) byLfs.set(sha256(b), { repo, path: p });

  function isLfs(r: FakeRepo, p: string) {
    return (r.lfs ?? ((x: string) => x.endsWith('.safetensors')))(p);
  }
  function tokenOf(req: IncomingMessage): string | undefined {
    return /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  }
  function fail(res: ServerResponse, status: number, code: string, message: string) {
    res.writeHead(status, { 'x-error-code': code, 'x-error-message': message, 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: message }));
  }
  /** Access rules of the real Hub: private -> 401 without a token; gated files -> 401 without, 403 if not accepted. */
  function denied(res: ServerResponse, r: FakeRepo | undefined, token: string | undefined, file: boolean): boolean {
    const known = token === TOKEN_OK || token === TOKEN_NOT_ACCEPTED;
    if (!r || (r.private && !known)) {
      fail(res, 401, 'RepoNotFound', 'Repository not found');
      return true;
    }
    if (file && r.gated && !known) {
      fail(res, 401, 'GatedRepo', 'Access to this model is restricted. You must be authenticated.');
      return true;
    }
    if (file && r.gated && token !== TOKEN_OK) {
      fail(res, 403, 'GatedRepo', 'Access to this model is restricted and you are not in the authorized list.');
      return true;
    }
    return false;
  }
  /** Serve bytes honouring Range, with the faults armed for `path`. */
  function serve(req: IncomingMessage, res: ServerResponse, path: string, body: Uint8Array, extra: Record<string, string>) {
    let data = Buffer.from(body);
    if (state.corrupt.has(path)) {
      data = Buffer.from(data);
      data[data.length >> 1]! ^= 0xff;
    }
    const m = state.ignoreRange.has(path) ? null : /^bytes=(\d+)-$/.exec(String(req.headers.range ?? ''));
    let start = 0;
    if (m) {
      start = Number(m[1]);
      if (start >= data.length) {
        res.writeHead(416, { 'content-range': `bytes */${data.length}` });
        return res.end();
      }
      res.writeHead(206, { ...extra, 'content-length': String(data.length - start), 'content-range': `bytes ${start}-${data.length - 1}/${data.length}` });
    } else res.writeHead(200, { ...extra, 'content-length': String(data.length) });
    const slice = data.subarray(start);
    const drop = state.dropAfter.get(path);
    const stall = state.stallAfter.get(path);
    if (drop !== undefined) {
      state.dropAfter.delete(path);
      if (state.expireOnDrop) for (const s of signatures.values()) s.expired = true;
      res.write(slice.subarray(0, drop), () => setTimeout(() => res.socket?.destroy(), 20));
      return;
    }
    if (stall !== undefined) {
      state.stallAfter.delete(path);
      res.write(slice.subarray(0, stall));
      return; // never ends; the client aborts
    }
    res.end(slice);
  }

  const hub = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    res.on('finish', () => requests.push({ origin: 'hub', path: url.pathname, headers: req.headers, status: res.statusCode }));
    res.on('close', () => { if (!res.writableFinished) requests.push({ origin: 'hub', path: url.pathname, headers: req.headers, status: res.statusCode }); });
    const token = tokenOf(req);
    const api = /^\/api\/models\/([^/]+\/[^/]+)\/revision\/([^/]+)$/.exec(url.pathname);
    if (api) {
      const r = repos[api[1]!];
      if (denied(res, r, token, false)) return;
      const rev = decodeURIComponent(api[2]!);
      if (rev !== 'main' && rev !== sha) return fail(res, 404, 'RevisionNotFound', `Invalid rev id: ${rev}`);
      const siblings = Object.entries(r!.files).map(([p, b]) => ({
        rfilename: p, size: b.length, blobId: gitBlobId(isLfs(r!, p) ? Buffer.from(`version https://git-lfs.github.com/spec/v1\noid sha256:${sha256(b)}\nsize ${b.length}\n`) : b),
        ...(isLfs(r!, p) ? { lfs: { sha256: sha256(b), size: b.length, pointerSize: 134 } } : {}),
      }));
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ _id: 'x', id: api[1], sha, private: Boolean(r!.private), gated: r!.gated ?? false, siblings }));
    }
    const file = /^\/([^/]+\/[^/]+)\/resolve\/([^/]+)\/(.+)$/.exec(url.pathname);
    if (file) {
      const r = repos[file[1]!];
      if (denied(res, r, token, true)) return;
      const rev = decodeURIComponent(file[2]!);
      if (rev !== 'main' && rev !== sha) return fail(res, 404, 'RevisionNotFound', `Invalid rev id: ${rev}`);
      const p = file[3]!.split('/').map(decodeURIComponent).join('/');
      const body = r!.files[p];
      if (!body) return fail(res, 404, 'EntryNotFound', `${p} does not exist`);
      if (isLfs(r!, p)) {
        const sig = String(nextSig++);
        signatures.set(sig, { path: p, expired: false });
        res.writeHead(302, { location: `${cdnOrigin}/lfs/${sha256(body)}?sig=${sig}`, 'x-linked-etag': `"${sha256(body)}"`, 'x-linked-size': String(body.length), 'x-repo-commit': sha });
        return res.end();
      }
      return serve(req, res, p, body, { etag: `"${gitBlobId(body)}"`, 'x-repo-commit': sha });
    }
    fail(res, 404, 'NotFound', 'no such route');
  });
  const cdn = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    res.on('finish', () => requests.push({ origin: 'cdn', path: url.pathname + url.search, headers: req.headers, status: res.statusCode }));
    res.on('close', () => { if (!res.writableFinished) requests.push({ origin: 'cdn', path: url.pathname + url.search, headers: req.headers, status: res.statusCode }); });
    const m = /^\/lfs\/([0-9a-f]{64})$/.exec(url.pathname);
    const s = signatures.get(url.searchParams.get('sig') ?? '');
    const f = m ? byLfs.get(m[1]!) : undefined;
    if (!m || !s || !f || s.path !== f.path) {
      res.writeHead(403);
      return res.end('<Error><Code>AccessDenied</Code></Error>');
    }
    if (s.expired) {
      res.writeHead(403);
      return res.end('<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>');
    }
    serve(req, res, f.path, repos[f.repo]!.files[f.path]!, { etag: `"${m[1]}"` });
  });
  const listen = (s: Server) => new Promise<number>((resolve) => s.listen(0, '127.0.0.1', () => resolve((s.address() as AddressInfo).port)));
  const [hubPort, cdnPort] = [await listen(hub), await listen(cdn)];
  // The storage origin differs from the Hub's in host name as well as port (localhost vs 127.0.0.1), like a CDN.
  const cdnOrigin = `http://localhost:${cdnPort}`;
  return Object.assign(state, {
    endpoint: `http://127.0.0.1:${hubPort}`,
    cdnOrigin,
    sha,
    requests,
    async close() {
      hub.closeAllConnections();
      cdn.closeAllConnections();
      await Promise.all([new Promise((r) => hub.close(r)), new Promise((r) => cdn.close(r))]);
    },
  });
}

/**
 * A tiny checkpoint in the shape of the real release: config and tokenizer files, two bf16 safetensors shards with
 * their index (official key names), and a model card whose YAML header states the licence.
 */
export function tinyMagmaCheckpoint(licence = 'mit'): Record<string, Uint8Array> {
  const enc = (s: string) => new TextEncoder().encode(s);
  const shard = (tensors: Record<string, number[]>, seed: number) => {
    let off = 0;
    const header: Record<string, unknown> = { __metadata__: { format: 'pt' } };
    for (const [name, shape] of Object.entries(tensors)) {
      const bytes = shape.reduce((a, b) => a * b, 1) * 2;
      header[name] = { dtype: 'BF16', shape, data_offsets: [off, off + bytes] };
      off += bytes;
    }
    const h = Buffer.from(JSON.stringify(header));
    const data = Buffer.alloc(off);
    for (let i = 0; i < off; i++) data[i] = (i * 131 + seed * 17) & 0xff;
    const len = Buffer.alloc(8);
    len.writeBigUInt64LE(BigInt(h.length));
    return new Uint8Array(Buffer.concat([len, h, data]));
  };
  const s1 = { 'language_model.model.embed_tokens.weight': [160, 64], 'language_model.model.layers.0.self_attn.q_proj.weight': [64, 64], 'vision_tower.clip_vision_model.trunk.stem.0.weight': [16, 3, 4, 4] };
  const s2 = { 'language_model.lm_head.weight': [160, 64], 'multi_modal_projector.row_seperator': [1, 1, 64], 'multi_modal_projector.proj.0.weight': [64, 128] };
  const weightMap = Object.fromEntries([...Object.keys(s1).map((k) => [k, 'model-00001-of-00002.safetensors']), ...Object.keys(s2).map((k) => [k, 'model-00002-of-00002.safetensors'])]);
  return {
    '.gitattributes': enc('*.safetensors filter=lfs diff=lfs merge=lfs -text\n'),
    'README.md': enc(`---\nlicense: ${licence}\nlibrary_name: transformers\npipeline_tag: image-text-to-text\n---\n\n# Magma-8B (tiny test copy)\n`),
    'config.json': enc(JSON.stringify({ architectures: ['MagmaForCausalLM'], model_type: 'magma', mm_use_row_seperator: true, img_size: 128, text_config: { hidden_size: 64, num_hidden_layers: 2, vocab_size: 160 }, vision_config: { vision_backbone: 'convnextxxlarge', mm_projector_type: 'mlp2x_gelu' } }, null, 2)),
    'generation_config.json': enc(JSON.stringify({ bos_token_id: 150, eos_token_id: 151, pad_token_id: 152 })),
    'tokenizer.json': enc(JSON.stringify({ version: '1.0', added_tokens: [{ id: 153, content: '<image>', special: true }], model: { type: 'BPE', vocab: {}, merges: [] } })),
    'tokenizer_config.json': enc(JSON.stringify({ bos_token: '<|begin_of_text|>', eos_token: '<|eot_id|>', pad_token: '<pad>' })),
    'special_tokens_map.json': enc(JSON.stringify({ bos_token: '<|begin_of_text|>', eos_token: '<|eot_id|>' })),
    'model.safetensors.index.json': enc(JSON.stringify({ metadata: { total_size: 0 }, weight_map: weightMap }, null, 2)),
    'model-00001-of-00002.safetensors': shard(s1, 1),
    'model-00002-of-00002.safetensors': shard(s2, 2),
  };
}
