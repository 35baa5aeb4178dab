/**
 * Which brain a CLI command uses (planner, model bundle, model server): a flag when given, else the app's own
 * settings file, so `magma-desk run` and `ask` behave like the app without repeating its setup on every command.
 * Invariant: a value named on the command line always wins over the settings file; nothing here writes settings.
 */
import type { Command } from 'commander';
import { readSettingsFile, settingsFilePath } from '../../adapters/settings-file.js';
import { MODEL_FAMILIES, PLANNERS, type EndpointSettings, type Settings } from '../../common/ipc-contract.js';
import { defaultDataDir } from '../data-dir.js';
import { goalFit } from '../../agent/planner/goal-needs.js';

/** Bad usage (exit code 2): the sentence says what to type instead. */
export class UsageError extends Error {}

export interface CliSettings {
  settings: Settings;
  /** The settings file read (it may not exist: then the settings are the defaults). */
  file: string;
  /** Why the file was not used, when it exists but could not be used. */
  problem?: string;
}

/** The app's settings as the CLI sees them: `$MAGMA_DESK_DATA_DIR/settings.json`, else the app's data folder. */
export function readCliSettings(env: NodeJS.ProcessEnv = process.env): CliSettings {
  const file = settingsFilePath(defaultDataDir(env));
  return { file, ...readSettingsFile(file) };
}

/** The brain flags shared by `run` and `ask`. */
export interface BrainFlags {
  planner?: string;
  model?: string;
  endpoint?: string;
  apiModel?: string;
  family?: string;
}

export interface Brain {
  planner: string;
  /** Where the planner came from: the command line, or the settings file. */
  plannerFrom: 'flag' | 'settings';
  modelDir?: string;
  endpoint: EndpointSettings;
}

/** Adds --planner, --model, --endpoint, --api-model and --family; their help names the value Settings gives now. */
export function addBrainOptions(cmd: Command, s: Settings, settingsLocation: string): Command {
  const now = (v: string) => `(default: the app's settings, now ${v ? `"${v}"` : 'empty'})`;
  return cmd
    .addHelpText('after', `\nThe defaults of --planner, --model, --endpoint, --api-model and --family (and --max-steps for run) come from the\napp's settings file, ${settingsLocation}; a flag overrides them for this command only.`)
    .option('--planner <name>', `command (typed steps, no model), magma (Magma-8B on this machine), openai (an OpenAI-compatible model server) or hybrid (that server plans, Magma finds the element) ${now(s.planner)}`)
    .option('--model <dir>', `Magma model bundle folder, for the magma and hybrid planners ${now(s.modelBundle)}`)
    .option('--endpoint <url>', `OpenAI-compatible model server, e.g. http://127.0.0.1:11434/v1 (key: $MAGMA_DESK_API_KEY or the app's stored key) ${now(s.endpoint.baseUrl)}`)
    .option('--api-model <id>', `the server's model id; empty means the first model it lists ${now(s.endpoint.model)}`)
    .option('--family <name>', `${MODEL_FAMILIES.join(', ')}: what the model's coordinates mean ${now(s.endpoint.family)}`);
}

/** Flags over settings. Throws UsageError for a planner or family that does not exist. */
export function brainOf(flags: BrainFlags, s: Settings): Brain {
  const planner = flags.planner ?? s.planner;
  if (!(PLANNERS as readonly string[]).includes(planner)) throw new UsageError(`"${planner}" is not a planner; choose one of: ${PLANNERS.join(', ')}`);
  const family = MODEL_FAMILIES.find((f) => f === (flags.family ?? s.endpoint.family));
  if (!family) throw new UsageError(`"${flags.family}" is not a model family; choose one of: ${MODEL_FAMILIES.join(', ')}`);
  const modelDir = flags.model ?? (s.modelBundle || undefined);
  return {
    planner,
    plannerFrom: flags.planner !== undefined ? 'flag' : 'settings',
    ...(modelDir ? { modelDir } : {}),
    endpoint: {
      ...s.endpoint,
      family,
      ...(flags.endpoint !== undefined ? { baseUrl: flags.endpoint } : {}),
      ...(flags.apiModel !== undefined ? { model: flags.apiModel } : {}),
    },
  };
}

/** One line for stderr when the settings file exists but was not used, so a typo there is not silently ignored. */
export function settingsProblemNote(c: CliSettings): string | undefined {
  return c.problem
    ? `note: the app's settings file ${c.file} was not used: ${c.problem}. The built-in defaults apply; fix the file or change the settings in the app.`
    : undefined;
}

/**
 * Why the command planner can't take this goal (a question, or plain language: the app's own wording, goalFit),
 * then how to get a model from the command line; undefined when the goal is one it can run (or has a typo, which
 * the command parser reports). `cmd` is the command the hints repeat.
 */
export function needModelMessage(goal: string, cmd: 'ask' | 'run', from: Brain['plannerFrom'], settingsFile: string): string | undefined {
  const fit = goalFit(goal, 'command');
  if (fit.kind !== 'need') return undefined;
  const what = cmd === 'ask' ? '"<question>"' : '"<goal>"';
  return [
    `${fit.need.message}${from === 'settings' ? ` Command mode is the planner in the app's settings (${settingsFile}).` : ''}`,
    `To ${cmd === 'ask' ? 'ask about the screen' : 'give goals in your own words'}, use a model:`,
    `  - a local model server (Ollama, vLLM, LM Studio): magma-desk ${cmd} --planner openai --endpoint http://127.0.0.1:11434/v1 ${what}`,
    '    (README, "Local model servers")',
    `  - Magma-8B on your GPU: magma-desk models pull (it prints the bundle's folder), then magma-desk ${cmd} --planner magma --model <bundle-dir> ${what}`,
    '    (README, "Magma-8B on your GPU")',
    "or choose the openai or magma planner in the app's Settings; the CLI uses the same settings.",
  ].join('\n');
}
