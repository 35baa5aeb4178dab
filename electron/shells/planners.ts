/** Planner choice for every shell. New planners register here (composition only: the engine never picks). */
import { CommandPlanner } from '../agent/planner/command.js';
import type { Planner } from '../agent/planner/planner.js';

export const PLANNERS = ['command'] as const;
export type PlannerName = (typeof PLANNERS)[number];

export interface PlannerOptions {
  modelDir?: string;
}

export async function createPlanner(name: string, goal: string, _opts: PlannerOptions = {}): Promise<Planner> {
  switch (name) {
    case 'command':
      return new CommandPlanner(goal);
    default:
      throw new UnknownPlannerError(`unknown planner "${name}"; choose one of: ${PLANNERS.join(', ')}`);
  }
}

export class UnknownPlannerError extends Error {}
