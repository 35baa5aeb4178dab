/**
 * Provenance of typed text: where did the planner get what it types? Text that is on the screen but not in the
 * person's goal (a key, a command, an address, a code) came from the page, which may be an attacker's; so does
 * anything typed into a terminal, where text runs as a command. Both need their own confirmation unless the goal
 * itself contains the text.
 */
import { foldText } from './fold-text.js';

/**
 * Token-ish: a run of 6+ characters with a digit or a symbol among letters (keys, codes, addresses, URLs, paths,
 * command lines); plain words are not, since copying a word from the screen is what filling a form looks like.
 */
const TOKENISH_RE = /^(?=.*\p{L}|.*\d{6})(?=.*[\d@:/\\._\-=+|$&;#%~]).{6,}$/u;

/** Lines a shell prompt starts with: "user@host:~$ ", "$ ", "# ", "PS C:\Users\a> ", "C:\>", "❯ ". */
const PROMPT_RE = /(?:^|\n)\s*(?:[\w.-]+@[\w.-]+(?::[^\s$#]*)?\s?[$#%]|[$#%❯➜»]|PS [A-Za-z]:\\[^>\n]*>|[A-Za-z]:\\[^>\n]*>|~\s?[$%])\s/u;
/** A target or title that names a terminal. */
const TERMINAL_NAME_RE = /\b(?:terminal|console|consola|konsole|xterm|shell|bash|zsh|powershell|command prompt|cmd\.exe|eingabeaufforderung|invite de commandes|símbolo del sistema|iterm2?|alacritty|kitty|tmux|wsl)\b|终端|終端|ターミナル|命令提示符|控制台|コマンド プロンプト|コンソール/iu;

/** Whether the screen (or the step's target) is a terminal, and the evidence. */
export function terminalOnScreen(targetText: string | undefined, screenTexts: readonly string[]): string | undefined {
  if (targetText && (TERMINAL_NAME_RE.test(targetText) || PROMPT_RE.test(targetText))) return targetText;
  return screenTexts.find((t) => PROMPT_RE.test(t));
}

/** The goal contains this text (folded, white space ignored). */
export function goalSays(goal: string | undefined, text: string): boolean {
  if (!goal) return false;
  const squash = (s: string) => foldText(s).replace(/\s+/g, '');
  const t = squash(text);
  return t.length > 0 && squash(goal).includes(t);
}

/** Token-ish pieces of the typed text that are on the screen (outside the target field) and not in the goal. */
export function copiedFromScreen(typed: string, targetText: string | undefined, screenTexts: readonly string[], goal: string | undefined): string[] {
  const screen = foldText(screenTexts.filter((t) => t !== targetText).join('\n'));
  if (!screen) return [];
  const out: string[] = [];
  const whole = typed.trim();
  // The whole text first (a command line or a sentence copied as it is), then its token-ish words.
  // A code read out in groups ("739 204") is one token: 6+ digits with spaces or dashes between them.
  const grouped = /^\d[\d\s-]*\d$/.test(whole) && whole.replace(/\D/g, '').length >= 6;
  const candidates = [whole, ...whole.split(/\s+/)].filter((c, i) => (i === 0 ? (c.length >= 12 && /\s/.test(c)) || grouped : TOKENISH_RE.test(c)));
  for (const c of candidates) {
    const f = foldText(c).replace(/[.,;:!?)"'\]]+$/, '');
    if (f.length >= 6 && screen.includes(f) && !goalSays(goal, c) && !out.some((o) => o.includes(c))) out.push(c);
  }
  return out;
}

export interface ProvenanceInput {
  readonly goal?: string;
  readonly screenTexts: readonly string[];
  /** What the previous step of this run typed, and whether that was into a terminal (for the Enter after it). */
  readonly lastTyped?: { readonly text: string; readonly terminal: boolean; readonly search?: boolean };
}

/** The words of the copied-from-screen reason, which the run's monitor looks for. */
export const COPIED = 'which is shown on the screen but is not in your goal';
const short = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}...` : s);

/** Reasons a typing step or the Enter after it is high-risk by where its text came from. */
export function provenanceReasons(kind: string, typed: string | undefined, keys: readonly string[] | undefined, targetText: string | undefined, p: ProvenanceInput): string[] {
  const reasons: string[] = [];
  if (kind === 'type' && typed !== undefined) {
    const copied = copiedFromScreen(typed, targetText, p.screenTexts, p.goal);
    if (copied.length) reasons.push(`it types "${short(copied[0]!)}", ${COPIED}: a page may have put it there`);
    const terminal = terminalOnScreen(targetText, p.screenTexts);
    if (terminal && !goalSays(p.goal, typed)) reasons.push('it types into a terminal, where text runs as a command, and your goal does not contain this text');
  }
  if (kind === 'press' && keys?.length === 1 && /^(?:enter|return|kp_enter)$/i.test(keys[0]!) && p.lastTyped?.terminal && !goalSays(p.goal, p.lastTyped.text)) {
    reasons.push(`Enter runs "${short(p.lastTyped.text)}" in the terminal, and your goal does not contain that command`);
  }
  return reasons;
}

/** A search field's label or placeholder, in six languages: the Enter after typing there searches. */
const SEARCH_FIELD_RE = /search|such|recherch|busca|buscar|搜索|搜尋|查找|検索|探す/iu;
export function searchField(label: string | undefined): boolean {
  return Boolean(label && SEARCH_FIELD_RE.test(label));
}
