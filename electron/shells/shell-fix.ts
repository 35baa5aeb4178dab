/**
 * Errors whose remedy depends on where the person is: the CLI names its flags, the app names its Settings page
 * (the GUI never shows a flag). `message` is the CLI's wording, since the CLI prints errors as they are; the app
 * shells' one way into a run (main/engine-adapter.ts) turns a failure into the app's wording with inShell().
 */
export interface ShellFix {
  readonly cli: string;
  readonly app: string;
}
export type ShellKind = keyof ShellFix;

/** An error that states the problem first, then what to do in this shell. */
export interface Fixable {
  readonly problem: string;
  readonly fix: ShellFix;
}

export function fixableMessage(problem: string, fix: ShellFix | undefined, shell: ShellKind = 'cli'): string {
  return fix ? `${problem} ${fix[shell]}` : problem;
}

function isFixable(e: unknown): e is Error & Fixable {
  return e instanceof Error && typeof (e as Partial<Fixable>).problem === 'string' && typeof (e as Partial<Fixable>).fix === 'object' && (e as Partial<Fixable>).fix !== null;
}

/** The sentence to show for an error in this shell. */
export function messageFor(e: unknown, shell: ShellKind): string {
  if (isFixable(e)) return fixableMessage(e.problem, e.fix, shell);
  return e instanceof Error ? e.message : String(e);
}

/** The model server cannot be used as set (nothing answers, a port fetch refuses, no model listed): exit code 1. */
export class ModelServerError extends Error implements Fixable {
  constructor(readonly problem: string, readonly fix: ShellFix) {
    super(fixableMessage(problem, fix));
  }
}

/** The error as this shell says it: a fixable one becomes an Error with that shell's sentence (the original as cause). */
export function inShell(e: unknown, shell: ShellKind): unknown {
  return isFixable(e) ? new Error(messageFor(e, shell), { cause: e }) : e;
}
