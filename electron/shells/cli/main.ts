/**
 * magma-desk: the command-line shell. Every command is listed by `--help` and explained by `help <command>`.
 * Exit codes: 0 goal done, 1 failed or refused, 2 bad usage. Errors go to stderr as one sentence that says what
 * to do. The heavy modules (onnxruntime-node, nut-js, sharp) are imported inside the commands that use them, so
 * `--help` and `--version` answer at once.
 */
import { readFileSync, existsSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Command, CommanderError } from 'commander';
import type { JsonlLog } from '../../adapters/jsonl-log.js';
import { CommandSyntaxError } from '../../agent/planner/command.js';
import { UnknownPlannerError } from '../planners.js';
import { AutoApprove, TerminalApprove } from './approval-cli.js';
import { addBrainOptions, brainOf, needModelMessage, readCliSettings, settingsProblemNote, UsageError, type CliSettings } from './brain-options.js';
import { addAskCommand } from './commands/ask.js';
import { addModelsCommand } from './commands/models.js';
import { addStartCommand } from './commands/start.js';
import { cliExtensions } from './extensions.js';
import { defaultAuditPath } from '../data-dir.js';

const VERSION = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new UsageError(`"${v}" is not a step count from 1 to 1000`);
  return n;
}

type IO = { out: NodeJS.WritableStream; err: NodeJS.WritableStream; in: NodeJS.ReadableStream };

export async function main(argv: string[], io: IO = { out: process.stdout, err: process.stderr, in: process.stdin }, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let code = 0;
  const setCode = (c: number) => (code = c);
  const cs: CliSettings = readCliSettings(env);
  const program = new Command('magma-desk')
    .description('Operate the desktop with numbered marks and an approval before every step.')
    .version(VERSION, '-V, --version', 'print the version')
    .helpCommand('help [command]', 'explain a command and its options')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out.write(s), writeErr: (s) => io.err.write(s) })
    .showHelpAfterError(false)
    .addHelpText(
      'after',
      [
        '',
        `run and ask take their planner, model bundle, model server, model id, family and step limit from the app's`,
        `settings (${cs.file}${existsSync(cs.file) ? '' : ', not created yet: the defaults apply'}); a flag overrides them.`,
        'Set $MAGMA_DESK_DATA_DIR to use another settings folder.',
        'Exit codes: 0 done, 1 failed, refused or stopped, 2 bad usage.',
        'Explain one command: magma-desk help <command>',
      ].join('\n'),
    );

  addStartCommand(program, setCode);

  const run = program
    .command('run')
    .summary('do a goal, asking before every step')
    .description('run a goal: look, propose a step, ask for approval, act, look again')
    .argument('<goal>', 'for the command planner: steps like "click 7; type \\"hi\\" into Name; press ctrl+s"');
  addBrainOptions(run, cs.settings, cs.file)
    .option('--yes', 'approve every normal step without asking (high-risk steps are still refused)')
    .option('--max-steps <n>', `stop after this many steps (default: the app's settings, now ${cs.settings.maxSteps})`, positiveInt)
    .option('--log <file.jsonl>', 'append every event and the per-stage timings to this JSONL file')
    .option('--audit <file.jsonl>', 'the hash-chained audit log (verify it with: magma-desk audit verify <file>)', defaultAuditPath())
    .option('--display <id>', 'which display to operate (default: the primary)')
    .option('--dry-run', 'record the input instead of sending it')
    .action(async (goal: string, o: { planner?: string; model?: string; endpoint?: string; apiModel?: string; family?: string; yes?: boolean; maxSteps?: number; log?: string; audit: string; display?: string; dryRun?: boolean }) => {
      const brain = brainOf(o, cs.settings);
      const note = settingsProblemNote(cs);
      if (note) io.err.write(`magma-desk: ${note}\n`);
      // A question or plain-language goal in command mode: say what it needs (as the app does) before anything runs.
      const need = brain.planner === 'command' ? needModelMessage(goal, 'run', brain.plannerFrom, cs.file) : undefined;
      if (need) {
        io.err.write(`magma-desk: ${need}\n`);
        code = 2;
        return;
      }
      const interactive = Boolean((io.in as NodeJS.ReadStream).isTTY);
      if (!o.yes && !interactive) {
        io.err.write('magma-desk: refusing to act: there is no terminal to ask for approval; run it in a terminal, or pass --yes to approve each step automatically\n');
        code = 1;
        return;
      }
      if (brain.plannerFrom === 'settings' && brain.planner !== 'command') io.err.write(`magma-desk: using the ${brain.planner} planner from the app's settings (${cs.file})\n`);
      const [{ runGoal }, { JsonlLog }, { platformAccessibility }] = await Promise.all([import('../compose.js'), import('../../adapters/jsonl-log.js'), import('../accessibility.js')]);
      // The app's element sources (issue #15): the tree where Settings has it on, closed when the run ends.
      const accessibility = cs.settings.sources.accessibility ? platformAccessibility(dirname(cs.file)) : undefined;
      const approvals = o.yes ? new AutoApprove((s) => io.out.write(s)) : new TerminalApprove(io.in, io.out);
      const controller = new AbortController();
      let stops = 0;
      const onSigint = () => {
        if (++stops > 1) process.exit(130);
        io.err.write('\nmagma-desk: stopping (Ctrl-C again to quit at once)\n');
        controller.abort(new Error('stopped by the user'));
      };
      process.on('SIGINT', onSigint);
      const log: JsonlLog | undefined = o.log ? new JsonlLog(o.log) : undefined;
      try {
        const r = await runGoal({
          goal,
          planner: brain.planner,
          modelDir: brain.modelDir,
          endpoint: brain.endpoint,
          approvals,
          signal: controller.signal,
          maxSteps: o.maxSteps ?? cs.settings.maxSteps,
          displayId: o.display,
          log,
          auditPath: o.audit,
          dryRun: o.dryRun,
          ...(accessibility ? { accessibility } : {}),
          ...(cs.settings.sources.vision ? {} : { vision: false }),
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
        await accessibility?.close().catch(() => undefined);
      }
    });

  addAskCommand(program, io, setCode, cs);

  program
    .command('parse')
    .summary('list the UI elements in an image as JSON')
    .description('find UI elements in a PNG and print them as JSON (bbox in image pixels of that file)')
    .argument('<image>', 'PNG or JPEG file')
    .option('--som <out.png>', 'also write the Set-of-Mark image')
    .option('--detector <file.onnx>', 'also run a YOLO-format ONNX icon detector (e.g. OmniParser icon_detect exported to ONNX)')
    .action(async (image: string, o: { som?: string; detector?: string }) => {
      const [{ decodeImage, encodePng }, { markImage, sharedPerceiver }] = await Promise.all([import('../../adapters/image-codec.js'), import('../compose.js')]);
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
    .summary('save the screen to a PNG, marks optional')
    .description('capture the screen ($DISPLAY) to a PNG')
    .argument('<out.png>')
    .option('--som', 'draw the numbered marks on it')
    .option('--display <id>', 'which display (default: the primary)')
    .action(async (out: string, o: { som?: boolean; display?: string }) => {
      const [{ NutScreenSource }, { encodePng }, { markImage, sharedPerceiver }] = await Promise.all([
        import('../../adapters/capture-nut.js'), import('../../adapters/image-codec.js'), import('../compose.js'),
      ]);
      const frame = await new NutScreenSource().capture(o.display);
      let img = frame.image;
      if (o.som) {
        const r = await (await sharedPerceiver()).perceive(img);
        img = markImage(img, r.elements);
      }
      writeFileSync(out, await encodePng(img));
      io.out.write(`${out}: ${img.width}x${img.height} of display ${frame.geometry.display.id}\n`);
    });

  addModelsCommand(program, io, setCode);
  for (const add of cliExtensions) add(program, io, setCode);

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
