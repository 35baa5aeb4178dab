/**
 * Composition of the `openai` and `hybrid` planners: the HTTP client and PNG encoder (adapters) plugged into the
 * planners' ports, the API key from the secret store, the model id and family settled before the first step.
 */
import { pngDataUrl, OpenAiClient, EndpointError } from '../adapters/openai-client.js';
import { API_KEY_SECRET, openSecretStore } from '../adapters/secrets.js';
import { HybridPlanner, MagmaGrounder } from '../agent/planner/hybrid.js';
import { OpenAiPlanner } from '../agent/planner/openai.js';
import type { Planner } from '../agent/planner/planner.js';
import { resolveFamily, type ModelFamily } from '../agent/planner/reply-formats.js';
import { DEFAULT_ENDPOINT, type EndpointSettings } from '../common/ipc-contract.js';
import { PlannerSetupError, type PlannerOptions } from './planners.js';
import { ModelServerError } from './shell-fix.js';

/** The secret-store name of the key for one server: keys are per origin, so a key is only ever sent where it was saved for. */
export function apiKeyName(baseUrl: string): string {
  try {
    return `${API_KEY_SECRET}@${new URL(baseUrl).origin}`;
  } catch {
    return API_KEY_SECRET;
  }
}

/** $MAGMA_DESK_API_KEY, else the key stored for this server's origin. */
export async function defaultApiKey(baseUrl: string): Promise<string | undefined> {
  if (process.env.MAGMA_DESK_API_KEY) return process.env.MAGMA_DESK_API_KEY;
  try {
    return await (await openSecretStore()).get(apiKeyName(baseUrl));
  } catch {
    return undefined;
  }
}

export interface ResolvedEndpoint {
  readonly client: OpenAiClient;
  readonly settings: EndpointSettings;
  readonly family: ModelFamily;
}

/** Builds the client; an empty model id is filled with the first model the server lists. */
export async function resolveEndpoint(opts: PlannerOptions): Promise<ResolvedEndpoint> {
  const s: EndpointSettings = { ...DEFAULT_ENDPOINT, ...Object.fromEntries(Object.entries(opts.endpoint ?? {}).filter(([, v]) => v !== undefined)) };
  if (!s.baseUrl.trim()) {
    throw new PlannerSetupError('This planner needs a model server (an OpenAI-compatible one, such as Ollama or vLLM).', { cli: 'Pass --endpoint http://host:port/v1.', app: 'Set the server in Settings.' });
  }
  const apiKey = await (opts.apiKey ?? defaultApiKey)(s.baseUrl);
  const make = (model: string) => {
    try {
      return new OpenAiClient({
        baseUrl: s.baseUrl, model, timeoutMs: s.timeoutMs, idleTimeoutMs: Math.min(s.timeoutMs, 60_000), stream: s.stream,
        ...(apiKey ? { apiKey } : {}), ...(opts.fetch ? { fetch: opts.fetch } : {}),
      });
    } catch (e) {
      throw new PlannerSetupError((e as EndpointError).message);
    }
  };
  // Ask the server first, so a run says the real cause (nothing answers there) before anything else.
  let model = s.model.trim();
  const probe = make(model);
  let listed: string[] | undefined;
  let probeError: EndpointError | undefined;
  try {
    listed = await probe.servedModels(Math.min(s.timeoutMs, PROBE_MS));
  } catch (e) {
    probeError = e instanceof EndpointError ? e : new EndpointError((e as Error).message);
  }
  if (probeError?.kind) throw unusableServer(probeError);
  if (!model) {
    // With a model id set, another failure of the list (a timeout, a 401) is left to the first request to report.
    if (!listed?.length) {
      const why = probeError ? probeError.message : listed ? 'its model list is empty' : 'it has no model list (/models)';
      throw new ModelServerError(`No model id is set, and the model server at ${probe.baseUrl} names none to use (${why}).`, { cli: 'Pass --api-model <id>.', app: 'Set the model id in Settings.' });
    }
    model = listed[0]!;
  }
  return { client: model === probe.model ? probe : make(model), settings: { ...s, model }, family: resolveFamily(s.family, model) };
}

/** How long the first look at the server may take before a run starts (a local server answers in milliseconds). */
const PROBE_MS = 10_000;

/** A server that cannot be reached as set: the problem as a sentence, then what to do in this shell. */
function unusableServer(e: EndpointError): ModelServerError {
  const ports = '(Ollama: 11434, vLLM: 8000, LM Studio: 1234)';
  const problem = `${e.problem.charAt(0).toUpperCase()}${e.problem.slice(1)}.`;
  switch (e.kind) {
    case 'bad-port':
      return new ModelServerError(problem, { cli: `Pass --endpoint with the port your model server listens on ${ports}.`, app: `Change the server in Settings to the port your model server listens on ${ports}.` });
    case 'unknown-host':
      return new ModelServerError(problem, { cli: 'Check the host in --endpoint.', app: 'Check the server URL in Settings.' });
    default:
      return new ModelServerError(problem, { cli: 'Start it (e.g. `ollama serve`) or give its address with --endpoint <url>.', app: 'Start it (e.g. `ollama serve`) or change the server in Settings.' });
  }
}

export async function createEndpointPlanner(name: 'openai' | 'hybrid', opts: PlannerOptions): Promise<Planner> {
  if (name === 'hybrid' && !opts.modelDir) {
    throw new PlannerSetupError('The hybrid planner finds what to click with Magma, so it needs a Magma model bundle.', { cli: 'Pass --model <bundle-dir>.', app: 'Pick a model bundle folder in Settings.' });
  }
  const ep = await resolveEndpoint(opts);
  const maxPixels = ep.settings.maxPixels > 0 ? ep.settings.maxPixels : undefined;
  if (name === 'openai') return new OpenAiPlanner(ep.client, pngDataUrl, { family: ep.family, ...(maxPixels ? { maxPixels } : {}) });
  // The same shared model as the magma planner: one copy of the weights on the card, kept across runs.
  const { sharedMagmaModel } = await import('./magma-model.js');
  const magma = await sharedMagmaModel(opts.modelDir!, opts.magma);
  return new HybridPlanner(ep.client, pngDataUrl, new MagmaGrounder(magma), maxPixels ? { maxPixels } : {});
}
