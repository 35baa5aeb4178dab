/**
 * magma-desk: the command-line shell. Exit codes: 0 goal done, 1 failed or refused, 2 bad usage.
 * Errors go to stderr as one sentence that says what to do.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { JsonlLog } from '../../adapters/jsonl-log.js';
import { NutScreenSource } from '../../adapters/capture-nut.js';
import { decodeImage, encodePng } from '../../adapters/image-codec.js';
import { CommandSyntaxError } from '../../agent/planner/command.js';
import { markImage, runGoal, sharedPerceiver } from '../compose.js';
import { MODEL_FAMILIES } from '../../common/ipc-contract.js';
import { UnknownPlannerError } from '../planners.js';
import { AutoApprove, TerminalApprove } from './approval-cli.js';
import { cliExtensions } from './extensions.js';
import { defaultAuditPath } from '../data-dir.js';

class UsageError extends Error {}

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new UsageError(`"${v}" is not a step count from 1 to 1000`);
  return n;
}

/** Commands that parse their own arguments, each owned by its feature. */
const DELEGATED: Record<string, (args: string[], io: { out: NodeJS.WritableStream; err: NodeJS.WritableStream }) => Promise<number>> = {
  ask: async (args, io) => (await import('./commands/ask.js')).runAsk(args, io),
  models: async (args, io) => (await import('./commands/models.js')).runModels(args, io),
  start: async (args) => {
    const { startApp } = await import('../browser/start.js');
    return (await startApp(args)).exited;
  },
};

export async function main(argv: string[], io = { out: process.stdout, err: process.stderr, in: process.stdin }): Promise<number> {
  const delegated = argv[0] !== undefined ? DELEGATED[argv[0]] : undefined;
  if (delegated) {
    try {
      return await delegated(argv.slice(1), io);
    } catch (e) {
      io.err.write(`magma-desk: ${(e as Error).message}\n`);
      return 1;
    }
  }
  let code = 0;
  const program = new Command('magma-desk')
    .description('Operate the desktop with numbered marks and an approval before every step.\nAlso: magma-desk start [--browser] | ask --model <bundle> "<question>" | models export|verify ...')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out.write(s), writeErr: (s) => io.err.write(s) })
    .showHelpAfterError(false);

  program
    .command('parse')
    .description('find UI elements in a PNG and print them as JSON (bbox in image pixels of that file)')
    .argument('<image>', 'PNG or JPEG file')
    .option('--som <out.png>', 'also write the Set-of-Mark image')
    .option('--detector <file.onnx>', 'also run a YOLO-format ONNX icon detector (e.g. OmniParser icon_detect exported to ONNX)')
    .action(async (image: string, o: { som?: string; detector?: string }) => {
      const img = await decodeImage(image);
      let detectorModelPath = o.detector;
      if (detectorModelPath && !existsSync(detectorModelPath)) {
        io.err.write(`magma-desk: note: icon detector ${detectorModelPath} not found; parsing without it (OCR and widget analysis only)\n`);
        detectorModelPath = undefined;
      }
      const perceiver = await sharedPerceiver((l) => io.err.write(`magma-desk: ${l}\n`), { detectorModelPath });
      const t = performance.now();
      const r = await perceiver.perceive(img);
      const total = performance.now() - t;
      for (const n of (r as { notes?: readonly string[] }).notes ?? []) io.err.write(`magma-desk: note: ${n}\n`);
      if (o.som) writeFileSync(o.som, await encodePng(markImage(img, r.elements)));
      const out = {
        width: img.width,
        height: img.height,
        elements: r.elements.map((e) => ({ id: e.id, kind: e.kind, bbox: e.bbox.map((v) => Math.round(v)), text: e.text, interactive: e.interactive, confidence: Number(e.confidence.toFixed(3)), source: e.source })),
        timings_ms: { ...roundAll(r.timings_ms), total: Math.round(total) },
      };
      io.out.write(JSON.stringify(out) + '\n');
    });

  program
    .command('screenshot')
    .description('capture the screen ($DISPLAY) to a PNG')
    .argument('<out.png>')
    .option('--som', 'draw the numbered marks on it')
    .option('--display <id>', 'which display (default: the primary)')
    .action(async (out: string, o: { som?: boolean; display?: string }) => {
      const frame = await new NutScreenSource().capture(o.display);
      let img = frame.image;
      if (o.som) {
        const r = await (await sharedPerceiver()).perceive(img);
        img = markImage(img, r.elements);
      }
      writeFileSync(out, await encodePng(img));
      io.out.write(`${out}: ${img.width}x${img.height} of display ${frame.geometry.display.id}\n`);
    });

  program
    .command('run')
    .description('run a goal: look, propose a step, ask for approval, act, look again')
    .argument('<goal>', 'for the command planner: steps like "click 7; click *; type \\"hi\\" into Name; press ctrl+s"')
    .option('--planner <name>', 'command (no model), magma, openai (an OpenAI-compatible server) or hybrid (that server plans, Magma grounds)', 'command')
    .option('--model <dir>', 'model bundle folder (magma and hybrid planners)')
    .option('--endpoint <url>', 'OpenAI-compatible server for openai/hybrid, e.g. http://127.0.0.1:11434/v1 (key: $MAGMA_DESK_API_KEY)')
    .option('--api-model <id>', "the server's model id (default: the first it lists)")
    .option('--family <name>', 'auto, generic, ui-tars-1.0, ui-tars-1.5 or qwen2.5-vl: what the model\'s coordinates mean', 'auto')
    .option('--yes', 'approve every normal step without asking (high-risk steps are still refused)')
    .option('--max-steps <n>', 'stop after this many steps', positiveInt, 25)
    .option('--log <file.jsonl>', 'append every event and the per-stage timings to this JSONL file')
    .option('--audit <file.jsonl>', 'the hash-chained audit log (verify it with: magma-desk audit verify <file>)', defaultAuditPath())
    .option('--display <id>', 'which display to operate (default: the primary)')
    .option('--dry-run', 'record the input instead of sending it')
    .action(async (goal: string, o: { planner: string; model?: string; endpoint?: string; apiModel?: string; family: string; yes?: boolean; maxSteps: number; log?: string; audit: string; display?: string; dryRun?: boolean }) => {
      const family = MODEL_FAMILIES.find((f) => f === o.family);
      if (!family) throw new UsageError(`"${o.family}" is not a model family; choose one of: ${MODEL_FAMILIES.join(', ')}`);
      const interactive = Boolean((io.in as NodeJS.ReadStream).isTTY);
      if (!o.yes && !interactive) {
        io.err.write('magma-desk: refusing to act: there is no terminal to ask for approval; run it in a terminal, or pass --yes to approve each step automatically\n');
        code = 1;
        return;
      }
      const approvals = o.yes ? new AutoApprove((s) => io.out.write(s)) : new TerminalApprove(io.in, io.out);
      const controller = new AbortController();
      let stops = 0;
      const onSigint = () => {
        if (++stops > 1) process.exit(130);
        io.err.write('\nmagma-desk: stopping (Ctrl-C again to quit at once)\n');
        controller.abort(new Error('stopped by the user'));
      };
      process.on('SIGINT', onSigint);
      const log = o.log ? new JsonlLog(o.log) : undefined;
      try {
        const r = await runGoal({
          goal,
          planner: o.planner,
          modelDir: o.model,
          endpoint: { family, ...(o.endpoint ? { baseUrl: o.endpoint } : {}), ...(o.apiModel ? { model: o.apiModel } : {}) },
          approvals,
          signal: controller.signal,
          maxSteps: o.maxSteps,
          displayId: o.display,
          log,
          auditPath: o.audit,
          dryRun: o.dryRun,
          emit: (e) => {
            if (e.type === 'executed') io.out.write(`  done${e.changed ? '' : ' (the screen did not change)'}\n`);
            if (e.type === 'notice') io.err.write(`magma-desk: ${e.message}\n`);
          },
        });
        if (r.answer !== undefined) io.out.write(`${r.answer}\n`);
        if (r.status === 'done') io.out.write(`done: ${r.reason} (${r.executed} actions)\n`);
        else io.err.write(`magma-desk: ${r.status}: ${r.reason}\n`);
        code = r.status === 'done' ? 0 : 1;
      } finally {
        process.off('SIGINT', onSigint);
        await log?.close();
      }
    });

  for (const add of cliExtensions) add(program, io, (c) => (code = c));

  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.exitCode === 0) return 0;
      return 2;
    }
    if (e instanceof UsageError || e instanceof CommandSyntaxError || e instanceof UnknownPlannerError) {
      io.err.write(`magma-desk: ${e.message}\n`);
      return 2;
    }
    io.err.write(`magma-desk: ${(e as Error).message}\n`);
    return 1;
  }
}

function roundAll(t: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(t).map(([k, v]) => [k, Math.round(v * 10) / 10]));
}
