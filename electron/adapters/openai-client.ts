/**
 * A small client for OpenAI-compatible chat-completions servers (vLLM, Ollama, LM Studio, llama.cpp server,
 * hosted APIs), on the platform's fetch: streaming (SSE) or not, a total timeout, an idle timeout between streamed
 * chunks, the caller's AbortSignal, and errors that say what to change. Server replies are parsed as JSON data only.
 * Also: the health check the settings page runs, and the PNG data URL encoder for screenshots.
 */
import sharp from 'sharp';
import type { ChatRequest, RgbaImage } from '../agent/ports.js';
export type { ChatContentPart, ChatMessage } from '../agent/ports.js';
import { encodePng } from './image-codec.js';


export interface OpenAiClientOptions {
  /** e.g. http://127.0.0.1:8000/v1 (vLLM), http://127.0.0.1:11434/v1 (Ollama), http://127.0.0.1:1234/v1 (LM Studio). */
  readonly baseUrl: string;
  readonly model: string;
  readonly apiKey?: string;
  /** Whole request, from sending to the last token (default 120 s). */
  readonly timeoutMs?: number;
  /** Longest silence while waiting for the first byte or between streamed chunks (default 60 s). */
  readonly idleTimeoutMs?: number;
  /** Stream tokens as they come (default true). */
  readonly stream?: boolean;
  readonly fetch?: typeof fetch;
}

export type CompleteRequest = ChatRequest;

/**
 * Why a request to a model server failed, for callers that say it their own way (the CLI names its flags, the app
 * its Settings): 'unreachable' (nothing answers), 'bad-port' (fetch refuses the port), 'unknown-host'.
 */
export type EndpointErrorKind = 'unreachable' | 'bad-port' | 'unknown-host';

export class EndpointError extends Error {
  /**
   * message: the problem and a what-to-do that fits every shell, as one clause list (no final period, like every
   * message here, so callers can embed it). With a kind, `problem` is the first part alone, so a shell can add its
   * own what-to-do.
   */
  constructor(message: string, readonly status?: number, readonly kind?: EndpointErrorKind, readonly problem: string = message) {
    super(message);
  }
}

/**
 * Ports that fetch (WHATWG "bad ports", enforced by undici in Node and by every browser) never connects to; port 9
 * (discard) is one. The request fails at once with the bare words "bad port", so say what that means.
 */
function badPortError(base: string): EndpointError {
  const port = new URL(base).port;
  const problem = `port ${port} cannot be used: it is on the list of ports that web browsers and Node's fetch refuse to connect to (a "bad port", blocked for safety), so nothing was sent to ${base}`;
  return new EndpointError(`${problem}; use the port your model server really listens on (Ollama: 11434, vLLM: 8000, LM Studio: 1234)`, undefined, 'bad-port', problem);
}

/** The base URL, checked and normalised: http(s) only, no trailing slash or /chat/completions. */
export function normalizeBaseUrl(raw: string): string {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    throw new EndpointError(`"${raw.slice(0, 100)}" is not a URL; give the server's base URL, e.g. http://127.0.0.1:11434/v1`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new EndpointError(`the endpoint must be http:// or https://, not ${u.protocol}`);
  if (u.username || u.password) throw new EndpointError('put the API key in the key field, not in the URL');
  return u.toString().replace(/\/+$/, '').replace(/\/chat\/completions$/, '');
}

const MAX_REPLY_CHARS = 200_000;

export class OpenAiClient {
  readonly baseUrl: string;
  readonly model: string;

  constructor(private readonly o: OpenAiClientOptions) {
    this.baseUrl = normalizeBaseUrl(o.baseUrl);
    this.model = o.model;
  }

  private headers(json: boolean): Record<string, string> {
    return {
      ...(json ? { 'content-type': 'application/json' } : {}),
      accept: json ? 'text/event-stream, application/json' : 'application/json',
      ...(this.o.apiKey ? { authorization: `Bearer ${this.o.apiKey}` } : {}),
    };
  }

  /** One chat completion; the answer text (reasoning_content is streamed to onReasoning, not returned). */
  async complete(req: CompleteRequest): Promise<{ text: string }> {
    const stream = this.o.stream ?? true;
    const body = {
      model: this.model,
      messages: req.messages,
      stream,
      ...(req.maxTokens !== undefined ? { max_tokens: req.maxTokens } : {}),
      ...(req.temperature !== undefined ? { temperature: req.temperature } : {}),
    };
    const t = new Timeouts(this.o.timeoutMs ?? 120_000, this.o.idleTimeoutMs ?? 60_000, req.signal);
    try {
      const res = await t.run(() => (this.o.fetch ?? fetch)(`${this.baseUrl}/chat/completions`, { method: 'POST', headers: this.headers(true), body: JSON.stringify(body), signal: t.signal }));
      if (!res.ok) throw await httpError(res, this.baseUrl, this.model);
      const type = res.headers.get('content-type') ?? '';
      if (stream && type.includes('text/event-stream') && res.body) return { text: await readSse(res.body, t, req) };
      const json = await t.run(() => res.json() as Promise<unknown>);
      const text = messageText(json);
      if (text.reasoning) req.onReasoning?.(text.reasoning);
      if (text.text) req.onText?.(text.text);
      return { text: text.text };
    } catch (e) {
      throw t.explain(e, this.baseUrl);
    } finally {
      t.dispose();
    }
  }

  /** GET /models (then, if the server has no such route, a one-token completion): is the server up, is the model there? */
  async health(timeoutMs = 10_000): Promise<HealthReport> {
    const started = Date.now();
    const listed = await this.listModels(timeoutMs);
    if (listed.kind === 'report') return { ...listed.report, latencyMs: Date.now() - started };
    try {
      const c = new OpenAiClient({ ...this.o, stream: false, timeoutMs, idleTimeoutMs: timeoutMs });
      await c.complete({ messages: [{ role: 'user', content: 'Reply with OK.' }], maxTokens: 1 });
      return { ok: true, latencyMs: Date.now() - started, models: [], message: `the server answers a completion with ${this.model} (it has no /models list)` };
    } catch (e) {
      return { ok: false, latencyMs: Date.now() - started, models: [], message: (e as Error).message };
    }
  }

  /**
   * GET /models: the ids the server serves (at most 200), or undefined when it has no such list (404/405).
   * Throws an EndpointError that says why (nothing answers, a bad port, an HTTP error).
   */
  async servedModels(timeoutMs = 10_000): Promise<string[] | undefined> {
    const t = new Timeouts(timeoutMs, timeoutMs);
    try {
      const res = await t.run(() => (this.o.fetch ?? fetch)(`${this.baseUrl}/models`, { headers: this.headers(false), signal: t.signal }));
      if (res.status === 404 || res.status === 405) {
        await res.body?.cancel().catch(() => undefined);
        return undefined;
      }
      if (!res.ok) throw await httpError(res, this.baseUrl, this.model);
      const json = (await t.run(() => res.json() as Promise<unknown>)) as { data?: Array<{ id?: unknown }> };
      return Array.isArray(json?.data) ? json.data.map((m) => String(m?.id ?? '')).filter(Boolean).slice(0, 200) : [];
    } catch (e) {
      throw t.explain(e, this.baseUrl);
    } finally {
      t.dispose();
    }
  }

  /** GET /models: a report, or 'no-route' when the server has no such list (404/405). */
  private async listModels(timeoutMs: number): Promise<{ kind: 'report'; report: HealthReport } | { kind: 'no-route' }> {
    const report = (ok: boolean, models: string[], message: string) => ({ kind: 'report' as const, report: { ok, latencyMs: 0, models, message } });
    let models: string[] | undefined;
    try {
      models = await this.servedModels(timeoutMs);
    } catch (e) {
      return report(false, [], (e as Error).message);
    }
    if (!models) return { kind: 'no-route' };
    if (!this.model) {
      return models.length
        ? report(true, models, `the server answers and serves ${models.slice(0, 10).join(', ')}; with no model set, ${models[0]} is used`)
        : report(false, models, 'the server answers but lists no model; set the model id');
    }
    const found = models.length === 0 || models.includes(this.model);
    return report(
      found,
      models,
      found ? `the server answers${models.length ? ` and serves ${this.model}` : ''}` : `the server answers but does not serve "${this.model}"; it serves: ${models.slice(0, 10).join(', ')}`,
    );
  }
}

export interface HealthReport {
  readonly ok: boolean;
  readonly latencyMs: number;
  readonly models: string[];
  readonly message: string;
}

/** A total deadline, an idle deadline re-armed by progress, and the caller's signal, as one AbortSignal. */
class Timeouts {
  private readonly ctl = new AbortController();
  private total: ReturnType<typeof setTimeout>;
  private idle: ReturnType<typeof setTimeout> | undefined;
  private why: 'total' | 'idle' | 'caller' | undefined;
  private readonly onAbort = () => this.abort('caller');

  constructor(private readonly totalMs: number, private readonly idleMs: number, private readonly outer?: AbortSignal) {
    this.total = setTimeout(() => this.abort('total'), totalMs);
    if (outer?.aborted) this.abort('caller');
    else outer?.addEventListener('abort', this.onAbort, { once: true });
    this.touch();
  }

  get signal(): AbortSignal {
    return this.ctl.signal;
  }

  private abort(why: 'total' | 'idle' | 'caller') {
    if (this.ctl.signal.aborted) return;
    this.why = why;
    this.ctl.abort(new Error(why));
  }

  /** Progress: re-arms the idle deadline. */
  touch() {
    if (this.idle) clearTimeout(this.idle);
    this.idle = setTimeout(() => this.abort('idle'), this.idleMs);
  }

  /** Runs a step, rejecting as soon as the signal aborts even if the step ignores it. */
  async run<T>(f: () => Promise<T>): Promise<T> {
    if (this.ctl.signal.aborted) throw this.ctl.signal.reason;
    let off = () => undefined as void;
    const aborted = new Promise<never>((_, reject) => {
      const l = () => reject(this.ctl.signal.reason);
      this.ctl.signal.addEventListener('abort', l, { once: true });
      off = () => this.ctl.signal.removeEventListener('abort', l);
    });
    try {
      const r = await Promise.race([f(), aborted]);
      this.touch();
      return r;
    } finally {
      off();
    }
  }

  explain(e: unknown, base: string): Error {
    if (e instanceof EndpointError) return e;
    if (this.why === 'total') return new EndpointError(`the model server at ${base} did not finish within ${Math.round(this.totalMs / 1000)} s; raise the timeout or use a smaller model`);
    if (this.why === 'idle') return new EndpointError(`the model server at ${base} sent nothing for ${Math.round(this.idleMs / 1000)} s; is it overloaded or still loading the model?`);
    if (this.why === 'caller') return new EndpointError('stopped');
    const err = e as { message?: string; cause?: { code?: string; message?: string } };
    const code = err?.cause?.code;
    if (code === 'ECONNREFUSED' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
      const problem = `no model server answers at ${base}`;
      return new EndpointError(`${problem}: start it (e.g. \`ollama serve\`, \`vllm serve <model>\` or LM Studio's local server) or correct the server URL`, undefined, 'unreachable', problem);
    }
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
      const problem = `the host of ${base} is unknown`;
      return new EndpointError(`${problem}; check the server URL for a typo`, undefined, 'unknown-host', problem);
    }
    if (err?.cause?.message === 'bad port') return badPortError(base);
    return new EndpointError(`the request to ${base} failed: ${err?.cause?.message ?? err?.message ?? String(e)}`);
  }

  dispose() {
    clearTimeout(this.total);
    if (this.idle) clearTimeout(this.idle);
    this.outer?.removeEventListener('abort', this.onAbort);
  }
}

async function httpError(res: Response, base: string, model: string): Promise<EndpointError> {
  let detail = '';
  try {
    const text = (await res.text()).slice(0, 2000);
    try {
      const j = JSON.parse(text) as { error?: { message?: unknown } | string; message?: unknown; detail?: unknown };
      detail = String((typeof j.error === 'object' ? j.error?.message : j.error) ?? j.message ?? j.detail ?? text);
    } catch {
      detail = text;
    }
  } catch {
    /* no body */
  }
  detail = detail.replace(/\s+/g, ' ').trim().slice(0, 300);
  const s = res.status;
  let hint = '';
  if (s === 401 || s === 403) hint = '; the server refused the API key (set it in Settings, or MAGMA_DESK_API_KEY for the CLI)';
  else if (s === 404) hint = `; check that the base URL ends in /v1 and that the server serves "${model}"`;
  else if (s === 413) hint = '; the screenshot is too large for this server: lower the image size limit';
  else if (s === 400 && /image|multimodal|mm_|vision/i.test(detail)) {
    hint = '; the server refused the image: serve a vision model (vLLM: add --limit-mm-per-prompt \'{"image":1}\'; Ollama: e.g. qwen2.5vl)';
  }
  return new EndpointError(`the model server at ${base} answered ${s}${detail ? `: ${detail}` : ''}${hint}`, s);
}

/** The answer of a non-streamed completion: choices[0].message.content (a string or text parts). */
function messageText(json: unknown): { text: string; reasoning?: string } {
  const j = json as { choices?: Array<{ message?: { content?: unknown; reasoning_content?: unknown; reasoning?: unknown } }>; error?: { message?: unknown } };
  if (j?.error) throw new EndpointError(`the model server reported: ${String(j.error.message ?? 'an error').slice(0, 300)}`);
  const m = j?.choices?.[0]?.message;
  if (!m) throw new EndpointError('the server answered without choices[0].message; is it an OpenAI-compatible chat-completions endpoint?');
  const reasoning = typeof m.reasoning_content === 'string' ? m.reasoning_content : typeof m.reasoning === 'string' ? m.reasoning : undefined;
  return { text: contentText(m.content).slice(0, MAX_REPLY_CHARS), ...(reasoning ? { reasoning } : {}) };
}

function contentText(c: unknown): string {
  if (typeof c === 'string') return c;
  if (Array.isArray(c)) return c.map((p) => (p && typeof p === 'object' && typeof (p as { text?: unknown }).text === 'string' ? (p as { text: string }).text : '')).join('');
  return '';
}

/** Reads an SSE stream of chat.completion.chunk events until [DONE] or the end of the body. */
async function readSse(body: ReadableStream<Uint8Array>, t: Timeouts, req: CompleteRequest): Promise<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buf = '';
  let text = '';
  try {
    for (;;) {
      const { done, value } = await t.run(() => reader.read());
      if (value) buf += decoder.decode(value, { stream: true });
      if (done) buf += decoder.decode() + '\n\n';
      let sep: RegExpExecArray | null;
      while ((sep = /\r?\n\r?\n/.exec(buf))) {
        const event = buf.slice(0, sep.index);
        buf = buf.slice(sep.index + sep[0].length);
        const data = event
          .split(/\r?\n/)
          .filter((l) => l.startsWith('data:'))
          .map((l) => l.slice(5).replace(/^ /, ''))
          .join('\n');
        if (!data) continue;
        if (data.trim() === '[DONE]') return text;
        let chunk: unknown;
        try {
          chunk = JSON.parse(data);
        } catch {
          throw new EndpointError(`the server sent a stream event that is not JSON: ${JSON.stringify(data.slice(0, 80))}`);
        }
        const c = chunk as { choices?: Array<{ delta?: { content?: unknown; reasoning_content?: unknown; reasoning?: unknown } }>; error?: { message?: unknown } };
        if (c?.error) throw new EndpointError(`the model server reported: ${String(c.error.message ?? 'an error').slice(0, 300)}`);
        const d = c?.choices?.[0]?.delta;
        const r = typeof d?.reasoning_content === 'string' ? d.reasoning_content : typeof d?.reasoning === 'string' ? d.reasoning : '';
        if (r) req.onReasoning?.(r);
        const piece = contentText(d?.content);
        if (piece && text.length < MAX_REPLY_CHARS) {
          text += piece;
          req.onText?.(piece);
        }
      }
      if (done) return text;
      if (buf.length > 1 << 20) throw new EndpointError('the server sent a stream event over 1 MB');
    }
  } finally {
    reader.releaseLock();
    void body.cancel().catch(() => undefined);
  }
}

/** A screenshot as a PNG data URL, resized to `size` first when it differs (sharp, Lanczos). */
export async function pngDataUrl(image: RgbaImage, size: { readonly width: number; readonly height: number }): Promise<string> {
  let img = image;
  if (size.width !== image.width || size.height !== image.height) {
    const r = await sharp(Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength), { raw: { width: image.width, height: image.height, channels: 4 } })
      .resize(size.width, size.height, { fit: 'fill', kernel: 'lanczos3' })
      .raw()
      .toBuffer({ resolveWithObject: true });
    img = { width: r.info.width, height: r.info.height, data: new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength) };
  }
  return `data:image/png;base64,${(await encodePng(img)).toString('base64')}`;
}
