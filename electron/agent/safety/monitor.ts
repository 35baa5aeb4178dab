/**
 * The run's safety state, kept across steps: the goal (for provenance), what the previous step typed (for the
 * Enter after a terminal command), whether a suspicious screen was seen (which ends "approve the rest" for the
 * run), and the optional second opinion. The loop asks it for each step's risk.
 * Invariants: it only ever raises a step's tier; a suspicious screen is never forgotten within a run.
 */
import type { Risk } from '../../common/approval.js';
import { describeAction } from '../../common/actions.js';
import type { ResolvedAction } from '../resolved.js';
import { confirmsOrSends } from './class-risk.js';
import { searchField, terminalOnScreen } from './provenance.js';
import { classifyRisk } from './risk.js';
import type { OpinionResult, RiskOpinion } from './second-opinion.js';
import { foldText } from './fold-text.js';
import { findSuspicious } from './suspicious.js';
import { movesOnly, namesGoal } from './goal-scope.js';

/** A control that saves, sends, adds or applies what was typed, whatever else its label names ("E-Mail speichern",
 * "Schlüssel hinzufügen" after a key copied from the screen). */
const SAVES_RE = /(?<![\p{L}])(?:save|send|submit|apply|confirm|update|post|add|speichern|senden|absenden|ubernehmen|bestatigen|hinzufugen|enregistrer|envoyer|valider|confirmer|ajouter|guardar|enviar|confirmar|aplicar|anadir|agregar)(?![\p{L}])|保存|发送|提交|确认|確認|送信|適用|添加|追加|登録/u;

/** The reasons that only say a password or secret was typed into its own field (risk.ts). */
const PASSWORD_REASON_RE = /looks like a password or secret field|looks like a password or key|a dialog on screen asks for credentials/;

export interface StepRisk {
  readonly risk: Risk;
  /** Set on the step where the run first saw a suspicious screen: the gate stops approving the rest. */
  readonly newSuspicion?: string;
  /** What the second opinion answered, for the log (absent when not asked). */
  readonly opinion?: OpinionResult;
}

/** A label or text named inside a passage: whole words for alphabetic scripts, a substring for CJK. */
function namedIn(passage: string, text: string): boolean {
  const t = foldText(text).replace(/[^\p{L}\p{N}\s+#@._-]/gu, ' ').replace(/\s+/g, ' ').trim();
  if (t.length < 2) return false;
  const i = passage.indexOf(t);
  if (i < 0) return false;
  if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(t)) return true;
  const before = passage[i - 1];
  const after = passage[i + t.length];
  if ((before && /[\p{L}\p{N}]/u.test(before)) || (after && /[\p{L}\p{N}]/u.test(after))) return false;
  // A short word ("Para", "Code") is also an ordinary word of the sentence: it names a control only when quoted.
  return t.length >= 5 || /["'“”„«»‘’‚‹›「」『』\[(]/u.test(before ?? '') || /["'“”„«»‘’‚‹›「」『』\])]/u.test(after ?? '');
}

export class RunSafety {
  private suspicion: string | undefined;
  /** The text around the suspicious passage: a step that does what it names is high-risk. */
  private passage = '';
  private lastTyped: { text: string; terminal: boolean; search: boolean } | undefined;
  /** Text this run was asked to type that came from the screen, not the goal: what sends it is high-risk too. */
  private riskyTyped: string | undefined;

  constructor(
    private readonly goal: string,
    private readonly opinion?: RiskOpinion,
  ) {}

  /** The suspicious passage this run has seen, if any. */
  get suspicious(): string | undefined {
    return this.suspicion;
  }

  async assess(r: ResolvedAction, screenTexts: readonly string[], signal: AbortSignal): Promise<StepRisk> {
    const ctx = { screenTexts, goal: this.goal, lastTyped: this.lastTyped };
    const base = classifyRisk(r, ctx);
    const reasons = [...base.reasons];
    let tier = base.tier;
    // A target whose name differs from what it shows (an aria-label "Close" on a "Pay ¥39,800" button): judged by
    // what it shows too, and the prompt says both.
    if (r.targets.some((t) => t.shown && t.shown !== t.text)) {
      const seen = classifyRisk({ ...r, targets: r.targets.map((t) => (t.shown ? { ...t, text: t.shown } : t)) }, ctx);
      const named = r.targets.find((t) => t.shown && t.shown !== t.text)!;
      for (const why of seen.reasons) if (!reasons.includes(why)) reasons.push(`it is named "${named.text}" but shows "${named.shown}": ${why}`);
      if (seen.tier === 'high') tier = 'high';
    }
    const a = r.action;
    if (a.kind === 'type') this.lastTyped = { text: a.text, terminal: Boolean(terminalOnScreen(r.targets[0]?.text, screenTexts)), search: searchField(r.targets[0]?.text) };
    else if (a.kind !== 'press') this.lastTyped = undefined;
    // The step that sends what was typed: a confirm/send/upload control or Enter after text copied from the screen.
    const sends = (a.kind === 'click' || a.kind === 'double_click') ? r.targets.some((t) => confirmsOrSends(t.text) || SAVES_RE.test(foldText(t.text))) : a.kind === 'press' && a.keys.length === 1 && /^(?:enter|return|kp_enter)$/i.test(a.keys[0]!);
    if (this.riskyTyped && sends && tier === 'normal') {
      tier = 'high';
      reasons.push(`it may send "${this.riskyTyped}", which an earlier step of this run typed and which needed its own confirmation`);
    }
    // Typed text that needed its own confirmation (copied from the screen, a command, an account's new e-mail): what
    // sends it needs its own too. Not a password typed into its own field: typing it and then sending is signing in.
    const riskyType = a.kind === 'type' && tier === 'high' && base.reasons.some((x) => !PASSWORD_REASON_RE.test(x));
    if (riskyType) this.riskyTyped = a.text.length > 40 ? `${a.text.slice(0, 37)}...` : a.text;

    let newSuspicion: string | undefined;
    if (!this.suspicion) {
      const found = findSuspicious(screenTexts);
      if (found) {
        this.suspicion = newSuspicion = found.quote;
        this.passage = found.passage;
      }
    }
    if (this.suspicion) {
      // Doing what text aimed at the assistant asks for: its target, its typed text or its keys are named there.
      // A section to go to ("Einstellungen") or what the goal itself names ("pedidos") is not the page's idea.
      const named =
        r.targets.map((t) => t.text).find((t) => namedIn(this.passage, t) && !movesOnly(t) && !namesGoal(t, this.goal)) ??
        (a.kind === 'type' && namedIn(this.passage, a.text) ? a.text : undefined) ??
        (a.kind === 'press' && a.keys.length > 1 && namedIn(this.passage, a.keys.join('+')) ? a.keys.join('+') : undefined);
      if (named) {
        tier = 'high';
        reasons.push(`it does what text on the screen told the assistant to do ("${named}" is named there): a page may be steering the assistant`);
      }
      reasons.push(`the screen ${newSuspicion ? 'shows' : 'showed'} text that tries to give the assistant instructions ("${this.suspicion}"), so "approve the rest" is off for this run and every step asks; check that this step is what you want`);
    }

    let opinion: OpinionResult | undefined;
    if (this.opinion && tier === 'normal') {
      opinion = await this.opinion.ask({ description: describeAction(a), target: r.targets[0]?.text, screenTexts }, signal);
      if (opinion.kind === 'yes') {
        tier = 'high';
        reasons.push('the model you set up, asked whether this step is high-risk, answered yes');
      } else if (opinion.kind === 'timeout') {
        reasons.push(`the model you set up did not answer the safety check within ${opinion.ms < 1000 ? (opinion.ms / 1000).toFixed(1) : Math.round(opinion.ms / 1000)} s, so only the built-in rules judged this step`);
      }
    }
    return { risk: { tier, reasons }, ...(newSuspicion ? { newSuspicion } : {}), ...(opinion ? { opinion } : {}) };
  }
}
