/**
 * A high-risk class: what a step does, not which word its button carries. Each class is data, one file per
 * concern, with its own vocabulary in English, German, French, Spanish, Chinese and Japanese (at least), written
 * as lower-case regular-expression sources and matched on folded text (../fold-text.ts). An entry may end in
 * \p{L}* to take every ending of a stem; a space matches any white space or none.
 */
export const LANGUAGES = ['en', 'de', 'fr', 'es', 'zh', 'ja'] as const;
export type Language = (typeof LANGUAGES)[number];
/** Entries by language; other languages may be added under their own code. */
export type Vocab = Readonly<Record<Language, readonly string[]>> & Readonly<Record<string, readonly string[]>>;

export interface RiskClass {
  readonly id: string;
  /** What such a step does, in plain words that complete "this step ...": "grants a permission". */
  readonly does: string;
  /** Phrases that do the act on their own, on a control or a menu item ("Run anyway", "Release funds"). */
  readonly acts: Vocab;
  /**
   * A verb and an object that do the act when both are in one text, in either order, since word order differs
   * by language: "Turn off" + "firewall", "Firewall deaktivieren", "关闭" + "防火墙".
   */
  readonly actsWith?: { readonly verbs: Vocab; readonly objects: Vocab };
  /**
   * The verb may sit on the control and its object anywhere on the screen ("Turn off" under "Real-time
   * protection"): only for classes whose objects are specific enough to say what the control acts on.
   */
  readonly verbOnControl?: boolean;
  /**
   * The verb and object make the act only on the control itself, never as the screen's context for a nearby
   * "Save" or "OK": a settings page shows "Make public" next to an unrelated "Save" (the publishing class).
   */
  readonly pairOnControlOnly?: boolean;
  /**
   * Words around a control (the dialog or page title, the sentence above it) that make a confirming control
   * (OK, Allow, Continue, Enter, or one of `confirms`) do the act: "Allow" under "wants to use your camera".
   */
  readonly context?: Vocab;
  /** Confirming labels of this class beyond the generic ones (./confirm.ts): "Keep", "Open", "Run". */
  readonly confirms?: Vocab;
  /** Whole labels of switches and check boxes that flip the act on click ("Real-time protection", "Firewall"). */
  readonly toggles?: Vocab;
  /** Labels of fields that do the act when something is typed into them ("New e-mail address", "Forward to"). */
  readonly fields?: Vocab;
}
