/**
 * Risk by what a step does (./classes): a control or a typed word that does the act itself, a switch that flips a
 * protection, a field that changes an account, a typed command, or a confirming control (OK, Allow, Continue,
 * Enter) under a dialog that names the act. All text is folded first (./fold-text.ts), so look-alike letters,
 * invisible characters, accents and spacing do not change the result.
 * Invariant: this only ever adds reasons (a step is never made less risky here).
 */
import type { ResolvedAction } from '../resolved.js';
import { foldText, foldVocab, vocabRe } from './fold-text.js';
import { commandRisk, GENERIC_CONFIRMS, RISK_CLASSES, type RiskClass, type Vocab } from './classes/index.js';
import { movesOnly } from './goal-scope.js';
import { listRow, pricedRow, recordOfAct } from './nav-label.js';

interface Compiled {
  readonly cls: RiskClass;
  readonly acts?: RegExp;
  /** The same, covering the whole text (a typed "DELETE" that a page asks for). */
  readonly actsWhole?: RegExp;
  readonly verbs?: RegExp;
  readonly objects?: RegExp;
  readonly context?: RegExp;
  readonly confirms?: RegExp;
  readonly toggles?: RegExp;
  readonly fields?: RegExp;
}

const all = (v: Vocab | undefined) => (v ? Object.values(v).flat() : []);
/** A whole label, allowing a trailing state word ("Firewall: On", "Echtzeitschutz aus"). */
const whole = (entries: readonly string[], tail = '') => {
  const re = vocabRe(entries);
  return re ? new RegExp(`^(?:${re.source})${tail}$`, 'u') : undefined;
};
const STATE_WORDS = String.raw`(?:on|off|enabled|disabled|an|aus|ein|active|inactive|activee?|desactivee?|activado|desactivado|activada|desactivada|開|开|关|關|オン|オフ)`;
/** A switch's label may name its protection in more words ("Cortafuegos SPI activado") when a state word ends it. */
const STATE_TAIL = String.raw`(?:(?:\s+[\p{L}\p{N}]+){0,2}\s*[:\-–]?\s*${STATE_WORDS})?`;
/**
 * Words before a confirming verb: languages that put the verb last ("Änderungen speichern", "Jetzt ausführen",
 * "変更を保存", "この内容で確定") confirm the same way as "Save" or "OK". Only words that name no object of their own
 * (changes, settings, now, all, this content): "表示名を保存" (save the display name) says what it saves, and that
 * is not the act the screen names elsewhere.
 */
const LEAD = foldVocab(String.raw`(?:(?:changes|settings|now|all|everything|this|änderungen|einstellungen|jetzt|alle|alles|sofort|modifications|paramètres|cambios|ajustes|ahora|todo)\s|(?:変更|設定|この内容|内容|入力内容|すべて|全部|更改|设置|設定|所有|以上の内容|上記の内容|这些|确定|确认|確定|確認)\s?[をでに]?\s?)?`);
/** A whole confirming label, with the words before (LEAD) and after (tail) that a confirm may carry. */
const confirmWhole = (entries: readonly string[], tail: string) => {
  const re = vocabRe(entries);
  return re ? new RegExp(`^${LEAD}(?:${re.source})${tail}$`, 'u') : undefined;
};

let compiled: Compiled[] | undefined;
let confirmRe: RegExp | undefined;
function classes(): Compiled[] {
  return (compiled ??= RISK_CLASSES.map((cls) => ({
    cls,
    acts: vocabRe(all(cls.acts)),
    actsWhole: whole(all(cls.acts)),
    verbs: vocabRe(all(cls.actsWith?.verbs)),
    objects: vocabRe(all(cls.actsWith?.objects)),
    context: vocabRe(all(cls.context)),
    // A class's own confirm may carry a few more words ("Allow while visiting the site", "Permitir cada vez que visite el sitio").
    confirms: confirmWhole(all(cls.confirms), String.raw`(?:\s+\S+){0,6}`),
    toggles: whole(all(cls.toggles), STATE_TAIL),
    fields: vocabRe(all(cls.fields)),
  })));
}
/** A confirming label, as a whole: "OK", "Yes, continue", "允许". */
function genericConfirm(label: string): boolean {
  // "Apply to all 318 photos", "Continue anyway": a confirm may say how far it goes.
  confirmRe ??= confirmWhole(all(GENERIC_CONFIRMS), String.raw`(?:\s+(?:anyway|now|once|again|please|(?:to )?all(?:\s+\S+){0,3}))?`)!;
  return confirmRe.test(label);
}
/** The label as a person reads a button: folded, punctuation and symbols dropped. */
const labelForm = (t: string) => foldText(t).replace(/[^\p{L}\p{N}\s$€£¥.()（）'’-]/gu, ' ').replace(/\s+/g, ' ').trim();

/**
 * What an icon-only control does, as a person reads it: an arrow goes on (the "→" past a certificate warning), a
 * bin or a broom deletes (a clean-up button), a card pays. Only for labels with no letters or digits of their own.
 */
const ICON_WORDS: readonly [RegExp, string][] = [
  [/^[\s→➔➜➝➞⇒⟶›»>▶►⏩⮕]+$/u, 'continue'],
  [/^[\s🗑🧹\u{fe0f}]+$/u, 'delete'],
  [/^[\s💳💸\u{fe0f}]+$/u, 'pay'],
];
const iconLabel = (text: string) => ICON_WORDS.find(([re]) => re.test(text.normalize('NFKC')))?.[1] ?? '';

/** The act a text does by itself for class c: a phrase of its own, or a verb with its object. */
function actIn(c: Compiled, text: string): string | undefined {
  const a = c.acts?.exec(text);
  if (a) return a[0];
  if (c.verbs && c.objects) {
    const v = c.verbs.exec(text);
    const o = v && c.objects.exec(text);
    if (v && o) return v.index < o.index ? text.slice(v.index, o.index + o[0].length) : text.slice(o.index, v.index + v[0].length);
  }
  return undefined;
}
/** What the screen around a confirming control says will happen under class c. */
function contextIn(c: Compiled, screen: readonly string[]): string | undefined {
  for (const s of screen) {
    const m = c.context?.exec(s);
    if (m) return m[0];
    if (c.verbs && c.objects && !c.cls.pairOnControlOnly) {
      const act = actIn({ cls: c.cls, verbs: c.verbs, objects: c.objects }, s);
      if (act && act.length <= 80) return act;
    }
  }
  return undefined;
}

/** Whether a control's label confirms, saves or sends: a generic confirm, a class's own confirm, or a publishing act. */
export function confirmsOrSends(text: string): boolean {
  const label = labelForm(text);
  if (!label) return false;
  return genericConfirm(label) || classes().some((c) => c.confirms?.test(label) || (c.cls.id === 'publish' && c.acts?.test(label)));
}

const ENTER_KEYS = new Set(['enter', 'return', 'kp_enter']);
// A 'field' too: a check box reached through its input element is read as a field (a browser's settings page).
const TOGGLE_KINDS = new Set([undefined, 'button', 'checkbox', 'radio', 'slider', 'tab', 'icon', 'other', 'field']);
/** A label that only shows something ("View deployment status", "查看部署状态"): it names an act but does not do it. */
const YES_LEAD_RE = /^(?:yes|yeah|ja|oui|si|sí|是|是的|好的|はい)\s*[,，、]?\s+|^(?:是|是的|好的|はい)[,，、]\s*/u;
/** An amount alone ("350 €", "$19.99"), as the money class finds it in a label. */
const AMOUNT_ONLY_RE = /^(?:[$€£¥￥]\s?\d[\d,.]*|\d[\d,.]*\s?(?:€|£|¥|円|元|usd|eur|gbp|chf|jpy|cny))$/u;
/** A label that is only a switch's state. */
const STATE_ONLY_RE = new RegExp(`^${STATE_WORDS}$`, 'u');
/** How long or how soon, around a verb ("Dauerhaft deaktivieren", "Disable permanently", "永久关闭"). */
const ADVERB_RE = /(?:^|\s)(?:now|permanently|always|temporarily|forever|jetzt|dauerhaft|sofort|immer|vorübergehend|vorubergehend|maintenant|definitivement|toujours|temporairement|ahora|permanentemente|siempre|temporalmente)(?=\s|$)|^(?:永久|立即|暂时|暫時|今すぐ|永久に|一時的に)/gu;
/** A label of at most three words. */
const SHORT_RE = /^\S+(?:\s\S+){0,2}$/u;
const verbOnlyCache = new Map<RegExp, RegExp>();
/** The class's verbs as a whole label. */
const verbOnly = (verbs: RegExp) => verbOnlyCache.get(verbs) ?? verbOnlyCache.set(verbs, new RegExp(`^(?:${verbs.source})$`, 'u')).get(verbs)!;
const VIEW_ONLY_RE = /^(?:view|see|show details|ansehen|details anzeigen|voir|consulter|ver|查看|檢視|査看|を表示)(?![\p{L}])|^查看|^檢視/u;

/** runsTyped: the previous step typed a search, or a command the goal names into a terminal, so an Enter now runs
 * that, not a dialog's act. */
export function classReasons(r: ResolvedAction, screenTexts: readonly string[] = [], runsTyped = false): string[] {
  const a = r.action;
  const reasons: string[] = [];
  const add = (s: string) => {
    if (!reasons.includes(s)) reasons.push(s);
  };
  const pointer = a.kind === 'click' || a.kind === 'double_click' || a.kind === 'right_click' || a.kind === 'drag';
  for (const t of r.targets) {
    if (!t.text.trim()) continue;
    const full = labelForm(t.text) || iconLabel(t.text);
    // "Yes, delete", "Oui, désactiver", "Sí, forzar push", "はい、削除": the answer word says nothing; the rest acts.
    // "ＯＫ（許可）", "OK (Allow)": the answer word in front, the act in brackets; both are the label's words.
    const bracketed = /^(?:ok|okay|yes|oui|si|ja|はい|是|确定|確定)\s*[(（]([^)）]{1,20})[)）]$/u.exec(full);
    const label = bracketed ? bracketed[1]!.trim() : full.replace(YES_LEAD_RE, '') || full;
    const others = screenTexts.filter((x) => x !== t.text).map(foldText);
    // A link, a tab or a line of text reached by a click names a page, not a payment: an amount there is a price.
    // So does a row of a list ("Bestellung vom 24.11.2026 · 89,95 €", "Livret A · 8 412,50 €"): its amount is what
    // the item cost or holds; a verb in the row ("Pay · 40 €") is still found.
    const navigates = t.kind === 'text' || t.kind === 'link' || t.kind === 'tab' || pricedRow(t.text);
    // Looking and moving around (a view, back, dismiss, a section: goal-scope.ts) does none of the acts.
    // So does a record of an act ("转账记录", transfer records; "安装记录"; "Transfer history"; "インストール手順"), and a
    // line of text that is a row of a list (a mail's preview: "An: jonas@… · Betreff: Bitte direkt senden").
    const moving = VIEW_ONLY_RE.test(label) || movesOnly(t.text) || recordOfAct(label) || (t.kind === 'text' && listRow(t.text));
    for (const c of classes()) {
      if (pointer) {
        const found = moving ? undefined : actIn(c, label);
        // A quote on a line of text or a link ("BTC/JPY ¥14,820,000 (+1.2%)") names a price, not a payment (¥ folds to y).
        const act = found && navigates && (AMOUNT_ONLY_RE.test(found.trim()) || !/\p{L}/u.test(found.replace(/usd|eur|gbp|jpy|cny|chf|btc|y(?=\s?\d)/gu, ''))) ? undefined : found;
        if (act) add(`"${t.text}" ${c.cls.does}`);
        else if (STATE_ONLY_RE.test(label) && TOGGLE_KINDS.has(t.kind) && others.some((o) => c.toggles?.test(labelForm(o)))) {
          // A switch that shows only its state ("On", "Activada", "开"): it flips the protection labelled beside it.
          add(`"${t.text}" is a switch beside "${others.map(labelForm).find((o) => c.toggles?.test(o))}": clicking it may turn that off, which ${c.cls.does}`);
        } else if (!moving && c.cls.verbOnControl && c.verbs && SHORT_RE.test(label) && verbOnly(c.verbs).test(label.replace(ADVERB_RE, '').trim()) && others.some((o) => c.objects?.test(o))) {
          // The verb alone on a control ("Deactivate", "Désactiver"): it acts on the object the screen names.
          const object = others.map((o) => c.objects?.exec(o)?.[0]).find(Boolean);
          add(`"${t.text}" acts on "${object}" shown on the screen: it ${c.cls.does}`);
        }
        else if (c.toggles?.test(label) && TOGGLE_KINDS.has(t.kind)) add(`"${t.text}" is a switch: clicking it may turn it off, which ${c.cls.does}`);
        else if (genericConfirm(label) || c.confirms?.test(label)) {
          const ctx = contextIn(c, others);
          if (ctx) add(`"${t.text}" confirms what the screen says ("${ctx}"): it ${c.cls.does}`);
          else if (c.cls.verbOnControl && c.verbs?.test(label)) {
            const object = others.map((o) => c.objects?.exec(o)?.[0]).find(Boolean);
            if (object) add(`"${t.text}" acts on "${object}" shown on the screen: it ${c.cls.does}`);
          }
        }
      } else if (a.kind === 'type' && c.fields?.test(label)) {
        add(`typing into "${t.text}" ${c.cls.does}`);
      }
    }
  }
  if (a.kind === 'type') {
    const typed = foldText(a.text);
    // Typed on the page itself, not into a field, while the screen shows a security warning: browsers take a typed
    // word there as the bypass ("thisisunsafe"), and pages invent their own.
    const onPage = r.targets.length > 0 && r.targets.every((t) => t.kind !== 'field' && t.kind !== 'password');
    const warning = onPage ? classes().find((c) => c.cls.id === 'warning-bypass') : undefined;
    const said = warning ? contextIn(warning, screenTexts.map(foldText)) : undefined;
    if (warning && said) add(`typing "${a.text}" on the page itself while it says "${said}" can be a word that ${warning.cls.does}`);
    for (const c of classes()) if (typed.length <= 60 && c.actsWhole?.test(typed)) add(`typing "${a.text}" confirms an action that ${c.cls.does}`);
    const cmd = commandRisk(a.text);
    if (cmd) add(`the typed text ${cmd.does} ("${cmd.match}")`);
  }
  if (a.kind === 'press') {
    const keys = a.keys.map((k) => k.toLowerCase());
    const enter = keys.some((k) => ENTER_KEYS.has(k));
    if (enter && keys.length === 1 && !runsTyped) {
      const screen = screenTexts.map(foldText);
      for (const c of classes()) {
        const ctx = contextIn(c, screen);
        if (ctx) add(`Enter confirms what the screen says ("${ctx}"): it ${c.cls.does}`);
      }
    } else if (enter && keys.some((k) => k === 'ctrl' || k === 'control' || k === 'meta' || k === 'cmd' || k === 'super')) {
      add(`${a.keys.join('+')} sends the message in most mail and chat apps`);
    }
  }
  return reasons;
}
