/** Planner choice for every shell. New planners register here (composition only: the engine never picks). */
import { CommandPlanner } from '../agent/planner/command.js';
import type { Planner } from '../agent/planner/planner.js';
import { DEFAULT_ENDPOINT, type EndpointSettings } from '../common/ipc-contract.js';
import type { MagmaLoadOptions } from './magma-load-options.js';
import { fixableMessage, type Fixable, type ShellFix } from './shell-fix.js';

export const PLANNERS = ['command', 'magma', 'openai', 'hybrid'] as const;
export type PlannerName = (typeof PLANNERS)[number];

export interface PlannerOptions {
  modelDir?: string;
  /** How the Magma bundle is opened (magma and hybrid planners): Settings' execution provider and card memory. */
  magma?: MagmaLoadOptions;
  /** The OpenAI-compatible server of the `openai` and `hybrid` planners (missing fields: defaults). */
  endpoint?: Partial<EndpointSettings>;
  /** The API key for a base URL (default: $MAGMA_DESK_API_KEY, else the secret store's key for that origin). */
  apiKey?: (baseUrl: string) => Promise<string | undefined>;
  /** Test seam: the fetch the HTTP client uses. */
  fetch?: typeof fetch;
}

export async function createPlanner(name: string, goal: string, opts: PlannerOptions = {}): Promise<Planner> {
  switch (name) {
    case 'command':
      return new CommandPlanner(goal);
    case 'magma': {
      if (!opts.modelDir) throw new PlannerSetupError('The magma planner needs a model bundle.', { cli: 'Pass --model <bundle-dir> (see models/magma/README.md).', app: 'Pick a model bundle folder in Settings.' });
      const [{ MagmaPlanner }, { sharedMagmaModel }] = await Promise.all([import('../agent/planner/magma.js'), import('./magma-model.js')]);
      return new MagmaPlanner(await sharedMagmaModel(opts.modelDir, opts.magma), { goal });
    }
    case 'openai':
    case 'hybrid':
      return (await import('./openai-planners.js')).createEndpointPlanner(name, opts);
    default:
      throw new UnknownPlannerError(`unknown planner "${name}"; choose one of: ${PLANNERS.join(', ')}`);
  }
}

export class UnknownPlannerError extends Error {}
/**
 * A planner that cannot be set up as asked (no endpoint, no model bundle): bad usage, exit code 2 in the CLI.
 * With a fix, the remedy is said per shell (shell-fix.ts): the message is the CLI's, messageFor(e, 'app') the app's.
 */
export class PlannerSetupError extends UnknownPlannerError implements Partial<Fixable> {
  readonly problem: string;
  readonly fix?: ShellFix;
  constructor(problem: string, fix?: ShellFix) {
    super(fixableMessage(problem, fix));
    this.problem = problem;
    if (fix) this.fix = fix;
  }
}

export { DEFAULT_ENDPOINT };
