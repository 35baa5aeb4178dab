/**
 * What a goal needs from a planner, decided from the goal's text alone (pure; the host adds the I/O checks: bundle
 * on disk, server answering). Command mode runs only the command grammar: a "Q:" question or a plain-language goal
 * needs a model, and is refused before a run starts instead of failing at step 1. A goal that starts like a command
 * but has a mistake is a syntax error, not a need for a model: offering a model there would be wrong.
 * Model planners take any goal text; whether their model is there is the host's check.
 */
import type { BrainNeed } from '../../common/brain.js';
import { COMMAND_VERB, parseCommands, splitSteps } from './command-grammar.js';

export type GoalFit = { kind: 'ok' } | { kind: 'need'; need: BrainNeed } | { kind: 'syntax'; error: string };

/** Same test as the magma and openai planners use for question mode. */
export const isQuestion = (goal: string) => /^\s*Q:/.test(goal);

export function goalFit(goal: string, planner: string): GoalFit {
  if (planner !== 'command') return { kind: 'ok' };
  if (isQuestion(goal)) {
    return {
      kind: 'need',
      need: {
        need: 'model',
        message: 'Command mode cannot answer questions: a goal that starts with "Q:" needs a model that can look at the screen (Magma-8B or a vision model on a local server).',
        fixes: ['use-server', 'get-magma', 'open-settings'],
      },
    };
  }
  const r = parseCommands(goal);
  if (r.ok) return { kind: 'ok' };
  // Every step that starts with a command word was meant as a command; one that doesn't is plain language.
  if (splitSteps(goal).every((s) => COMMAND_VERB.test(s))) return { kind: 'syntax', error: r.error };
  return {
    kind: 'need',
    need: {
      need: 'model',
      message: 'Command mode only runs commands such as "click 7" or "type "hello" into Name". This looks like a plain-language goal, which needs a model (Magma-8B or a vision model on a local server).',
      fixes: ['use-server', 'get-magma', 'use-commands', 'open-settings'],
    },
  };
}
