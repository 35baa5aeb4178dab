/**
 * The Hugging Face Hub's HTTP API, the part a pull needs: where the Hub is (HF_ENDPOINT, for mirrors), the token
 * (HF_TOKEN, for gated or private repos), and the file list of one commit.
 *
 * `GET {endpoint}/api/models/{org}/{name}/revision/{rev}?blobs=true` answers the commit sha the revision points to
 * now and `siblings`: {rfilename, size, blobId, lfs?: {sha256, size}}. Everything after it is pinned to that sha,
 * so a branch that moves mid-download cannot mix two commits. Errors come with `X-Error-Code` (RepoNotFound,
 * GatedRepo, RevisionNotFound, EntryNotFound) and `X-Error-Message`; they are turned into messages a person can
 * act on (HubError). The reply is parsed as data with zod and every file name is checked to stay inside the
 * checkpoint folder.
 * S14: this is the only code that contacts a remote host, and only when a pull the user started calls it.
 */
import { z } from 'zod';

export const DEFAULT_HUB = 'https://huggingface.co';
/** org/name as the Hub spells repo ids (letters, digits, `-`, `_`, `.`; no `..`, no leading punctuation). */
const REPO_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,95}\/[A-Za-z0-9][A-Za-z0-9_.-]{0,95}$/;

export class HubError extends Error {
  constructor(
    message: string,
    /** What went wrong, for callers that branch on it (the CLI's exit message, tests). */
    readonly kind: 'not-found' | 'gated' | 'revision' | 'file' | 'rate-limit' | 'server' | 'network' | 'bad-reply' | 'unsafe' | 'corrupt' | 'disk',
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface HubConfig {
  /** Origin (and optional path prefix) of the Hub, no trailing slash: HF_ENDPOINT or https://huggingface.co. */
  readonly endpoint: string;
  /** HF_TOKEN: sent to the endpoint's origin only, never to a redirect target on another origin. */
  readonly token?: string;
  readonly fetch?: typeof fetch;
}

/** The Hub's own conventions: HF_ENDPOINT (a mirror) and HF_TOKEN. */
export function hubConfigFromEnv(env: NodeJS.ProcessEnv = process.env): HubConfig {
  const endpoint = (env.HF_ENDPOINT?.trim() || DEFAULT_HUB).replace(/\/+$/, '');
  let u: URL;
  try {
    u = new URL(endpoint);
  } catch {
    throw new HubError(`HF_ENDPOINT is set to "${endpoint}", which is not a web address; set it to a Hub mirror such as https://hf-mirror.com, or unset it to use huggingface.co`, 'unsafe');
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new HubError(`HF_ENDPOINT must start with https:// (it is "${endpoint}")`, 'unsafe');
  const token = env.HF_TOKEN?.trim();
  return { endpoint, ...(token ? { token } : {}) };
}

export function isRepoId(repo: string): boolean {
  return REPO_ID.test(repo) && !repo.includes('..');
}

/** The repo's page, where a person signs in and accepts a gated model's terms. */
export function repoPage(cfg: HubConfig, repo: string): string {
  return `${cfg.endpoint}/${repo}`;
}

export interface RepoFile {
  /** Path inside the repo, `/`-separated, checked to be relative and without `..`. */
  readonly path: string;
  readonly size: number;
  /** LFS files: the sha256 of the content. Others: the git blob id (sha1 of `blob <size>\0` + content). */
  readonly sha256?: string;
  readonly blobId?: string;
  readonly lfs: boolean;
}

export interface RepoListing {
  readonly repo: string;
  readonly revision: string;
  /** The commit every download is pinned to. */
  readonly sha: string;
  readonly gated: false | string;
  readonly private: boolean;
  readonly files: RepoFile[];
}

const Sibling = z
  .object({
    rfilename: z.string(),
    size: z.number().int().nonnegative().optional(),
    blobId: z.string().regex(/^[0-9a-f]{40}$/).optional(),
    lfs: z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), size: z.number().int().nonnegative() }).passthrough().nullish(),
  })
  .passthrough();
const ModelInfo = z
  .object({
    sha: z.string().regex(/^[0-9a-f]{40}$/),
    siblings: z.array(Sibling),
    gated: z.union([z.literal(false), z.string()]).optional(),
    private: z.boolean().optional(),
  })
  .passthrough();

/** A repo path that is safe to join under the checkpoint folder on every OS. */
export function safeRepoPath(p: string): boolean {
  if (!p || p.length > 512 || p.startsWith('/') || p.includes('\\') || p.includes('\0') || /^[A-Za-z]:/.test(p)) return false;
  return p.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..' && !seg.endsWith('.part'));
}

export function authHeaders(cfg: HubConfig): Record<string, string> {
  return cfg.token ? { authorization: `Bearer ${cfg.token}` } : {};
}

/** A failed Hub answer as a message that says what to do; `file` names the file being fetched, if any. */
export function hubErrorFrom(res: Response, cfg: HubConfig, repo: string, file?: string): HubError {
  const code = res.headers.get('x-error-code') ?? '';
  const server = (res.headers.get('x-error-message') ?? '').slice(0, 300);
  const page = repoPage(cfg, repo);
  const withToken = cfg.token ? ' (a token from HF_TOKEN was sent: check that it is still valid and can read this repository)' : '';
  if (code === 'GatedRepo') {
    return new HubError(
      cfg.token
        ? `This model is gated and the account of the token in HF_TOKEN has not been given access yet: accept its terms at ${page} while signed in with that account, then try again`
        : `This model is gated: accept its terms at ${page} while signed in, then set HF_TOKEN to one of your access tokens (${cfg.endpoint}/settings/tokens) and try again`,
      'gated', res.status);
  }
  if (code === 'RevisionNotFound') return new HubError(`${repo} has no branch, tag or commit by that name: check the revision, or leave it out to get the main branch`, 'revision', res.status);
  if (code === 'EntryNotFound' && file) return new HubError(`the Hub listed ${file} in ${repo} but does not serve it; try again later, or report it to the repository's owners`, 'file', res.status);
  if (code === 'RepoNotFound' || res.status === 401 || (res.status === 404 && !file)) {
    return new HubError(`${repo} was not found on ${cfg.endpoint}, or it is private: check the name, or set HF_TOKEN to an access token that can read it${withToken}`, 'not-found', res.status);
  }
  if (res.status === 403) return new HubError(`the Hub refused access to ${file ?? repo}${server ? ` ("${server}")` : ''}: check that the token in HF_TOKEN can read ${page}`, 'not-found', res.status);
  if (res.status === 429) return new HubError('the Hub is limiting requests: wait a few minutes, then run the pull again (it resumes where it stopped); a token in HF_TOKEN raises the limit', 'rate-limit', res.status);
  return new HubError(`the Hub answered HTTP ${res.status}${server ? ` ("${server}")` : ''} for ${file ?? repo}; try again later, the pull resumes where it stopped`, 'server', res.status);
}

/** A failed connection (DNS, refused, reset) as a message; AbortErrors pass through untouched. */
export function networkError(e: unknown, url: string): unknown {
  const err = e as { name?: string; cause?: { code?: string; message?: string }; message?: string };
  if (err?.name === 'AbortError' || err?.name === 'TimeoutError') return e;
  const why = err?.cause?.code ?? err?.cause?.message ?? err?.message ?? String(e);
  return new HubError(`could not reach ${new URL(url).host} (${why}): check the internet connection, or HF_ENDPOINT if you use a mirror; the pull resumes where it stopped`, 'network');
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_HOPS = 8;

/**
 * GET with redirects followed by hand, the one place that decides where the token goes: Authorization (HF_TOKEN)
 * only to the Hub's own origin, never to a redirect target on another origin (LFS storage, a CDN); other headers
 * (a range) are kept; https is never downgraded to http; at most 8 hops. Network failures are thrown as fetch
 * throws them (callers decide whether to retry). Returns the last response and the URL that gave it.
 */
export async function hubGet(cfg: HubConfig, start: string, o: { what: string; headers?: Record<string, string>; signal?: AbortSignal }): Promise<{ res: Response; url: string }> {
  const hubOrigin = new URL(cfg.endpoint).origin;
  let url = start;
  for (let hop = 0; hop <= MAX_HOPS; hop++) {
    const headers = { ...(new URL(url).origin === hubOrigin ? authHeaders(cfg) : {}), ...o.headers };
    const res = await (cfg.fetch ?? fetch)(url, { headers, redirect: 'manual', ...(o.signal ? { signal: o.signal } : {}) });
    const location = res.headers.get('location');
    if (!REDIRECTS.has(res.status) || !location) return { res, url };
    await res.body?.cancel().catch(() => undefined);
    const next = new URL(location, url);
    if (next.protocol !== 'https:' && (new URL(url).protocol === 'https:' || next.protocol !== 'http:')) {
      throw new HubError(`the Hub sent ${o.what} to an insecure or unknown address (${next.protocol}//${next.host}); nothing was downloaded from there`, 'unsafe');
    }
    url = next.href;
  }
  throw new HubError(`the Hub redirected ${o.what} more than ${MAX_HOPS} times; try again later`, 'server');
}

/** The file list of `revision`, pinned to the commit sha the Hub answers. */
export async function listRepoFiles(cfg: HubConfig, repo: string, revision: string, signal?: AbortSignal): Promise<RepoListing> {
  if (!isRepoId(repo)) throw new HubError(`"${repo}" is not a Hugging Face model name; write it as organisation/name, e.g. microsoft/Magma-8B`, 'unsafe');
  const url = `${cfg.endpoint}/api/models/${repo}/revision/${encodeURIComponent(revision)}?blobs=true`;
  let res: Response;
  try {
    res = (await hubGet(cfg, url, { what: `the file list of ${repo}`, headers: { accept: 'application/json' }, ...(signal ? { signal } : {}) })).res;
  } catch (e) {
    throw e instanceof HubError ? e : networkError(e, url);
  }
  if (!res.ok) {
    await res.body?.cancel().catch(() => undefined);
    throw hubErrorFrom(res, cfg, repo);
  }
  let raw: unknown;
  try {
    raw = await res.json();
  } catch {
    throw new HubError(`the Hub's file list for ${repo} was not JSON; check HF_ENDPOINT if you use a mirror`, 'bad-reply');
  }
  const r = ModelInfo.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new HubError(`the Hub's file list for ${repo} lacks what a verified download needs (${i?.path.join('.')}: ${i?.message}); check HF_ENDPOINT if you use a mirror`, 'bad-reply');
  }
  const files: RepoFile[] = [];
  for (const s of r.data.siblings) {
    if (!safeRepoPath(s.rfilename)) throw new HubError(`the Hub's file list for ${repo} names a file that would land outside the download folder ("${s.rfilename.slice(0, 80)}"); nothing was downloaded`, 'unsafe');
    const size = s.lfs?.size ?? s.size;
    if (size === undefined) throw new HubError(`the Hub did not give the size of ${s.rfilename}; check HF_ENDPOINT if you use a mirror`, 'bad-reply');
    if (!s.lfs && !s.blobId) throw new HubError(`the Hub did not give a hash for ${s.rfilename}, so it could not be verified; check HF_ENDPOINT if you use a mirror`, 'bad-reply');
    files.push(s.lfs ? { path: s.rfilename, size, sha256: s.lfs.sha256, lfs: true } : { path: s.rfilename, size, blobId: s.blobId!, lfs: false });
  }
  return { repo, revision, sha: r.data.sha, gated: r.data.gated ?? false, private: r.data.private ?? false, files };
}

/** Where a file of the pinned commit is served: `{endpoint}/{repo}/resolve/{sha}/{path}` (path segments escaped). */
export function resolveUrl(cfg: HubConfig, repo: string, sha: string, path: string): string {
  return `${cfg.endpoint}/${repo}/resolve/${sha}/${path.split('/').map(encodeURIComponent).join('/')}`;
}
