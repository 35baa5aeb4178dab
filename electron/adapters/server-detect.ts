/**
 * Finds local model servers on their default loopback ports and lists their models, marking a model as vision
 * where the server says so and 'unknown' where it does not:
 *   Ollama      127.0.0.1:11434  GET /api/tags, then POST /api/show per model (capabilities includes "vision")
 *   LM Studio   127.0.0.1:1234   GET /api/v0/models (type "vlm" / "llm"); else GET /v1/models
 *   vLLM        127.0.0.1:8000   GET /v1/models (no vision flag: 'unknown')
 *   llama.cpp   127.0.0.1:8080   GET /v1/models, GET /props (modalities.vision in recent builds)
 * Invariants: the host is always 127.0.0.1 (S14: the app contacts no other host on its own; only ports are
 * configurable, for tests); each port gets at most `timeoutMs` (300 ms) for all its requests together, and what
 * arrived by then is kept; the probes run in parallel; replies are parsed as JSON data (at most 1 MB), never
 * evaluated. node:http rather than fetch: fetch's first use in a process costs ~150 ms of the budget on 2 cores.
 * Nothing here runs unless asked: the renderer asks (servers:detect) while the first-run card, the "needs a
 * model" card or Settings is open.
 */
import { request } from 'node:http';
import { z } from 'zod';
import { DEFAULT_SERVER_PORTS, SERVER_KINDS, SERVER_NAMES, type DetectedModel, type DetectedServer, type ServerKind } from '../common/brain.js';

export interface DetectOptions {
  /** Ports to probe instead of the defaults (tests run fake servers on free ports). */
  ports?: Partial<Record<ServerKind, number>>;
  /** Budget per port for all of its requests (default 300 ms). */
  timeoutMs?: number;
  /** Test seam: one HTTP request answering the parsed JSON body. */
  httpJson?: HttpJson;
}

/** GETs (or POSTs a JSON body to) a URL and resolves with the parsed JSON; rejects on a non-2xx status or non-JSON. */
export type HttpJson = (url: string, init: { method: 'GET' | 'POST'; body?: unknown }, signal: AbortSignal) => Promise<unknown>;

const LOOPBACK = '127.0.0.1';
const MAX_MODELS = 50;
const MAX_BYTES = 1 << 20;

const OllamaTags = z.object({ models: z.array(z.object({ name: z.string().optional(), model: z.string().optional() }).passthrough()) }).passthrough();
const OllamaShow = z.object({ capabilities: z.array(z.string()).optional() }).passthrough();
const OpenAiModels = z.object({ data: z.array(z.object({ id: z.string() }).passthrough()) }).passthrough();
const LmStudioModels = z.object({ data: z.array(z.object({ id: z.string(), type: z.string().optional() }).passthrough()) }).passthrough();
const LlamaProps = z.object({ modalities: z.object({ vision: z.boolean().optional() }).passthrough().optional() }).passthrough();

/** Not the server we looked for: something else answers on its port (or answers in another shape). */
class NotThisServer extends Error {}

export async function detectServers(o: DetectOptions = {}): Promise<DetectedServer[]> {
  return Promise.all(SERVER_KINDS.map((kind) => detectOne(kind, o.ports?.[kind] ?? DEFAULT_SERVER_PORTS[kind], o.timeoutMs ?? 300, o.httpJson ?? httpJson)));
}

async function detectOne(kind: ServerKind, port: number, timeoutMs: number, http: HttpJson): Promise<DetectedServer> {
  const origin = `http://${LOOPBACK}:${port}`;
  const base: DetectedServer = { kind, port, baseUrl: `${origin}/v1`, found: false, models: [] };
  // The deadline aborts one event-loop turn late (setImmediate runs after the I/O poll), so replies that arrived
  // while the process was busy with something else are still read rather than counted as no answer.
  const deadline = new AbortController();
  const timer = setTimeout(() => setImmediate(() => deadline.abort(new Error('deadline'))), timeoutMs);
  const json: Json = (path, init) => http(`${origin}${path}`, init ?? { method: 'GET' }, deadline.signal);
  try {
    const { models, partial } = await PROBES[kind](json);
    const note = partial ? `listed, but it did not say within ${timeoutMs} ms which models take images` : undefined;
    return { ...base, found: true, models: models.slice(0, MAX_MODELS), ...(note ? { note } : {}) };
  } catch (e) {
    return { ...base, note: whyNot(e, kind, port, timeoutMs, deadline.signal.aborted) };
  } finally {
    clearTimeout(timer);
    deadline.abort(new Error('done'));
  }
}

const httpJson: HttpJson = (url, init, signal) =>
  new Promise((resolve, reject) => {
    const body = init.body === undefined ? undefined : JSON.stringify(init.body);
    const path = new URL(url).pathname;
    const req = request(url, { method: init.method, signal, headers: body ? { 'content-type': 'application/json' } : {} }, (res) => {
      if (!res.statusCode || res.statusCode < 200 || res.statusCode > 299) {
        res.resume();
        return reject(new NotThisServer(`${path} answered HTTP ${res.statusCode}`));
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_BYTES) req.destroy(new NotThisServer(`${path} answered more than 1 MB`));
        else chunks.push(c);
      });
      res.on('end', () => {
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        } catch {
          reject(new NotThisServer(`${path} did not answer JSON`));
        }
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });

function whyNot(e: unknown, kind: ServerKind, port: number, timeoutMs: number, timedOut: boolean): string {
  if (timedOut) return `something on port ${port} did not answer within ${timeoutMs} ms`;
  if (e instanceof NotThisServer || e instanceof z.ZodError) return `something answers on port ${port}, but not like ${SERVER_NAMES[kind]}`;
  const code = (e as { code?: string }).code ?? (e as { cause?: { code?: string } }).cause?.code;
  if (code === 'ECONNREFUSED') return `nothing listens on port ${port}`;
  return `port ${port} could not be asked (${(e as Error).message})`;
}

type Json = (path: string, init?: { method: 'POST'; body: unknown }) => Promise<unknown>;
type Probe = (json: Json) => Promise<{ models: DetectedModel[]; partial?: boolean }>;

const PROBES: Record<ServerKind, Probe> = {
  async ollama(json) {
    const tags = OllamaTags.parse(await json('/api/tags'));
    const ids = tags.models.map((m) => m.name ?? m.model ?? '').filter(Boolean).slice(0, MAX_MODELS);
    // /api/show per model, in parallel; a model whose answer misses the deadline stays 'unknown'.
    const shows = await Promise.allSettled(ids.map((id) => json('/api/show', { method: 'POST', body: { model: id } })));
    let partial = false;
    const models = ids.map((id, i): DetectedModel => {
      const s = shows[i]!;
      if (s.status === 'rejected') {
        partial = true;
        return { id, vision: 'unknown' };
      }
      const caps = OllamaShow.safeParse(s.value);
      const list = caps.success ? caps.data.capabilities : undefined;
      return { id, vision: list ? (list.includes('vision') ? 'yes' : 'no') : 'unknown' };
    });
    return { models, partial };
  },
  async lmstudio(json) {
    let v0: z.infer<typeof LmStudioModels> | undefined;
    try {
      v0 = LmStudioModels.parse(await json('/api/v0/models'));
    } catch (e) {
      if (!(e instanceof NotThisServer || e instanceof z.ZodError)) throw e;
    }
    if (v0) {
      return {
        models: v0.data
          .filter((m) => m.type !== 'embeddings')
          .map((m) => ({ id: m.id, vision: m.type === 'vlm' ? 'yes' : m.type === 'llm' ? 'no' : 'unknown' })),
      };
    }
    return { models: OpenAiModels.parse(await json('/v1/models')).data.map((m) => ({ id: m.id, vision: 'unknown' })) };
  },
  async vllm(json) {
    return { models: OpenAiModels.parse(await json('/v1/models')).data.map((m) => ({ id: m.id, vision: 'unknown' })) };
  },
  async llamacpp(json) {
    const [list, props] = await Promise.allSettled([json('/v1/models'), json('/props')]);
    if (list.status === 'rejected') throw list.reason;
    const vision = props.status === 'fulfilled' ? LlamaProps.safeParse(props.value).data?.modalities?.vision : undefined;
    const v: DetectedModel['vision'] = vision === undefined ? 'unknown' : vision ? 'yes' : 'no';
    return { models: OpenAiModels.parse(list.value).data.map((m) => ({ id: m.id, vision: v })) };
  },
};
