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
  if (!s.baseUrl.trim()) throw new PlannerSetupError('the openai planner needs a model server: pass --endpoint http://host:port/v1 or set it in Settings');
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
  let model = s.model.trim();
  if (!model) {
    const h = await make('').health();
    if (!h.models.length) throw new Error(`no model id given and the server lists none (${h.message}); pass --api-model <id> or set the model in Settings`);
    model = h.models[0]!;
  }
  return { client: make(model), settings: { ...s, model }, family: resolveFamily(s.family, model) };
}

export async function createEndpointPlanner(name: 'openai' | 'hybrid', opts: PlannerOptions): Promise<Planner> {
  if (name === 'hybrid' && !opts.modelDir) throw new PlannerSetupError('the hybrid planner grounds with Magma: pass --model <bundle-dir> or pick a model bundle in Settings');
  const ep = await resolveEndpoint(opts);
  const maxPixels = ep.settings.maxPixels > 0 ? ep.settings.maxPixels : undefined;
  if (name === 'openai') return new OpenAiPlanner(ep.client, pngDataUrl, { family: ep.family, ...(maxPixels ? { maxPixels } : {}) });
  const { openMagmaModel } = await import('./magma-model.js');
  const magma = await openMagmaModel(opts.modelDir!);
  return new HybridPlanner(ep.client, pngDataUrl, new MagmaGrounder(magma), maxPixels ? { maxPixels } : {});
}
