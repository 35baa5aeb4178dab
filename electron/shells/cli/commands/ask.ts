/**
 * `magma-desk ask "<question>"`: a question about the screen (or `--image <file>`), answered by a model. Nothing
 * is ever clicked or typed: a question's only step is an `answer`, which the loop finishes on before the gate.
 *  - magma: Magma's question mode on the unmarked image, streamed to stdout as it is generated.
 *  - openai (and hybrid, whose planning server is asked): runGoal with the goal "Q: <question>", the same path the
 *    app takes for a Q: goal, with input recorded instead of sent and every approval request refused.
 *  - command: cannot answer; says how to get a model. Exit codes: 0 answered, 1 failed, 2 bad usage or no brain.
 * Which brain: --planner; else --model means magma and --endpoint means openai; else the app's settings.
 */
import type { Command } from 'commander';
import type { ApprovalRequest, Decision } from '../../../common/approval.js';
import type { ApprovalChannel, RgbaImage, ScreenSource } from '../../../agent/ports.js';
import { stageTimesText } from '../stage-times.js';
import { PlannerSetupError } from '../../planners.js';
import { addBrainOptions, brainOf, needModelMessage, settingsProblemNote, UsageError, type CliSettings } from '../brain-options.js';

export interface CliIO {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
}

/** A question never needs input; if anything ever asked to act during one, it is refused, not approved. */
class RefuseInput implements ApprovalChannel {
  readonly automatic = true;
  constructor(private readonly err: NodeJS.WritableStream) {}
  async request(req: ApprovalRequest): Promise<Decision> {
    this.err.write(`magma-desk ask: refused "${req.description}": ask only answers questions and never clicks or types\n`);
    return { approvalId: req.id, verdict: 'stop' };
  }
}

function tokenCount(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 4096) throw new UsageError('--max-new-tokens must be an integer from 1 to 4096');
  return n;
}

interface AskOptions {
  planner?: string; model?: string; endpoint?: string; apiModel?: string; family?: string;
  image?: string; display?: string; providers?: string; maxNewTokens: number; timings?: boolean;
}

export function addAskCommand(program: Command, io: CliIO, setCode: (c: number) => void, cs: CliSettings): void {
  const cmd = program
    .command('ask')
    .summary('answer a question about the screen; never acts')
    .description('answer a question about the screen (or an image) with a model; nothing is clicked or typed')
    .argument('<question...>', 'the question, e.g. "what is the total on this page?" (a leading Q: is optional)');
  addBrainOptions(cmd, cs.settings, cs.file)
    .option('--image <file>', 'ask about this PNG or JPEG instead of a fresh screenshot')
    .option('--display <id>', 'which display to capture (default: the primary)')
    .option('--providers <list>', 'magma: execution providers in order, e.g. webgpu,cpu')
    .option('--max-new-tokens <n>', 'magma: the longest answer, in tokens', tokenCount, 128)
    .option('--timings', 'magma: print the grid, token counts and timings to stderr')
    .addHelpText('after', '\nWithout --planner, --model means magma and --endpoint means openai; otherwise the app\'s settings decide.\nExit codes: 0 answered, 1 failed, 2 bad usage or no model that can answer.')
    .action(async (words: string[], o: AskOptions) => {
      const question = words.join(' ').replace(/^\s*Q:\s*/, '').trim();
      if (!question) throw new UsageError('the question is missing: magma-desk ask "<question>"');
      const note = settingsProblemNote(cs);
      if (note) io.err.write(`magma-desk: ${note}\n`);
      const implied = o.planner ?? (o.model !== undefined ? 'magma' : o.endpoint !== undefined ? 'openai' : undefined);
      const brain = brainOf({ ...o, planner: implied }, cs.settings);
      if (brain.planner === 'command') {
        io.err.write(`magma-desk ask: ${needModelMessage('Q: ?', 'ask', brain.plannerFrom, cs.file)}\n`);
        setCode(2);
        return;
      }
      if (brain.planner === 'magma') {
        if (!brain.modelDir) throw new PlannerSetupError('the magma planner needs a model bundle: pass --model <bundle-dir> or pick one in the app\'s Settings (README, "Magma-8B on your GPU")');
        setCode(await askMagma(brain.modelDir, question, await loadImage(o.image, o.display), o, io));
        return;
      }
      // openai, or hybrid: its planning server answers (Magma only grounds clicks, and a question has none).
      const screen: ScreenSource | undefined = o.image ? await stillScreen(o.image) : undefined;
      const { runGoal } = await import('../../compose.js');
      const r = await runGoal({
        goal: `Q: ${question}`,
        planner: 'openai',
        endpoint: brain.endpoint,
        approvals: new RefuseInput(io.err),
        signal: new AbortController().signal,
        maxSteps: 1,
        displayId: o.display,
        dryRun: true,
        ...(screen ? { screen } : {}),
        emit: (e) => {
          if (e.type === 'notice') io.err.write(`magma-desk: ${e.message}\n`);
        },
      });
      if (r.status === 'done' && r.answer !== undefined) {
        io.out.write(`${r.answer}\n`);
        setCode(0);
        return;
      }
      io.err.write(`magma-desk ask: no answer: ${r.reason}\n`);
      setCode(1);
    });
}

/** `ask` with its arguments (what follows `ask` on the command line); the exit code. */
export async function runAsk(argv: string[], io: CliIO = { out: process.stdout, err: process.stderr }): Promise<number> {
  const { main } = await import('../main.js');
  return main(['ask', ...argv], { ...io, in: process.stdin });
}

async function askMagma(dir: string, question: string, image: RgbaImage, o: AskOptions, io: CliIO): Promise<number> {
  const [{ openMagmaModel }, { questionPrompt }] = await Promise.all([import('../../magma-model.js'), import('../../../agent/planner/magma.js')]);
  const providers = o.providers?.split(',').map((s) => s.trim()).filter(Boolean);
  const model = await openMagmaModel(dir, { ...(providers ? { providers } : {}), log: o.timings ? (l) => io.err.write(`${l}\n`) : undefined });
  const r = await model.generate({ prompt: questionPrompt(question), images: [image], maxNewTokens: o.maxNewTokens, onText: (t) => io.out.write(t) });
  io.out.write('\n');
  if (o.timings) {
    const t = r.timings;
    io.err.write(
      `grid ${r.grids.map((g) => `${g.rows}x${g.cols}`).join(', ')}; ${t.promptTokens} prompt tokens; ${stageTimesText(t)}; ` +
        `${t.newTokens} tokens in ${t.decodeMs.toFixed(1)} ms` +
        `${t.newTokens > 1 ? ` (${((1000 * (t.newTokens - 1)) / t.decodeMs).toFixed(1)} tokens/s)` : ''}\n`,
    );
  }
  return 0;
}

async function stillScreen(file: string): Promise<ScreenSource> {
  const [{ decodeImage }, { StillImageScreen }] = await Promise.all([import('../../../adapters/image-codec.js'), import('../still-image-screen.js')]);
  return new StillImageScreen(await decodeImage(file), file);
}

async function loadImage(file: string | undefined, display: string | undefined): Promise<RgbaImage> {
  if (file) {
    const { decodeImage } = await import('../../../adapters/image-codec.js');
    return decodeImage(file);
  }
  const { NutScreenSource } = await import('../../../adapters/capture-nut.js');
  return (await new NutScreenSource().capture(display)).image;
}
