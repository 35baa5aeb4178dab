/**
 * The host's side of "can the active brain do this?": the pure goal check (agent/planner/goal-needs.ts) plus the
 * cheap I/O ones: the Magma bundle's files are there (sizes only, nothing hashed or loaded) and the model server
 * answers within a short time. run:start asks before starting a run, so a goal the brain can't do is refused with
 * what is needed instead of a run that fails at step 1; the engine's own errors stay the last line of defence.
 * Also the Run page's status strip (no network there: the server is checked when a goal is run).
 */
import { brainLabel, serverName, whatWorks, type BrainStatus } from '../common/brain.js';
import type { DisplayInfo } from '../common/geometry.js';
import type { Settings } from '../common/ipc-contract.js';
import { checkBundleFiles } from '../adapters/magma-bundle.js';
import { normalizeBaseUrl } from '../adapters/openai-client.js';
import { goalFit, type GoalFit } from '../agent/planner/goal-needs.js';

/** Long enough for a loaded local server to list its models, short enough that Run does not seem stuck. */
export const PREFLIGHT_SERVER_MS = 3000;

export interface PreflightDeps {
  /** The configured server's health (GET /models with the stored key), within timeoutMs. */
  health(timeoutMs: number): Promise<{ ok: boolean; message: string }>;
}

const usesBundle = (planner: string) => planner === 'magma' || planner === 'hybrid';
const usesServer = (planner: string) => planner === 'openai' || planner === 'hybrid';

/** Why the bundle folder can't be used, or undefined when its manifest and files are there. */
export function bundleProblem(dir: string): string | undefined {
  if (!dir.trim()) return 'no model bundle folder is chosen';
  try {
    checkBundleFiles(dir.trim());
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

export async function preflightGoal(goal: string, s: Settings, deps: PreflightDeps): Promise<GoalFit> {
  const fit = goalFit(goal, s.planner);
  if (fit.kind !== 'ok') return fit;
  if (usesBundle(s.planner)) {
    const problem = bundleProblem(s.modelBundle);
    if (problem) {
      return {
        kind: 'need',
        need: {
          need: 'bundle',
          message: `${s.planner === 'hybrid' ? 'The hybrid brain finds elements with Magma-8B' : 'Magma-8B runs from a model bundle on this computer'}, and it can't be used: ${problem}.`,
          fixes: ['get-magma', 'open-settings', 'use-server', 'use-commands'],
        },
      };
    }
  }
  if (usesServer(s.planner)) {
    let h: { ok: boolean; message: string };
    try {
      h = await deps.health(PREFLIGHT_SERVER_MS);
    } catch (e) {
      h = { ok: false, message: (e as Error).message };
    }
    if (!h.ok) {
      return {
        kind: 'need',
        need: { need: 'server', message: `The model server at ${serverName(s.endpoint.baseUrl)} can't take this goal: ${h.message}.`, fixes: ['use-server', 'open-settings', 'use-commands'] },
      };
    }
  }
  return { kind: 'ok' };
}

/** The status strip's data: cheap (file sizes and a display list, no network). */
export async function brainStatus(s: Settings, displays?: () => Promise<readonly DisplayInfo[]>): Promise<BrainStatus> {
  let problem = usesBundle(s.planner) ? bundleProblem(s.modelBundle) : undefined;
  if (!problem && usesServer(s.planner)) {
    try {
      normalizeBaseUrl(s.endpoint.baseUrl);
    } catch (e) {
      problem = (e as Error).message;
    }
  }
  return {
    planner: s.planner,
    brain: brainLabel(s),
    ...(problem ? { problem } : {}),
    display: await displayLabel(displays),
    works: whatWorks(s),
  };
}

async function displayLabel(displays?: () => Promise<readonly DisplayInfo[]>): Promise<string> {
  if (!displays) return 'not known here';
  try {
    const ds = await displays();
    const d = ds.find((x) => x.primary) ?? ds[0];
    if (!d) return 'none found';
    const size = `${d.name}, ${d.bounds.width}x${d.bounds.height}`;
    return ds.length > 1 ? `${size} (runs use this one, the primary of ${ds.length})` : size;
  } catch (e) {
    return `none: ${(e as Error).message}`;
  }
}
