/**
 * Risk policy (../shared/SAFETY.md "High-risk"): a step is high-risk when it clicks a control labelled with a
 * destructive or committing verb, types text that looks like a secret or a card number, or presses a combo that
 * closes, quits, logs out or deletes. High-risk steps need their own confirmation even under "approve the rest".
 */
import type { Risk } from '../../common/approval.js';
import type { ResolvedAction } from '../resolved.js';

const HIGH_RISK_WORDS = [
  'delete', 'remove', 'send', 'pay', 'buy', 'purchase', 'transfer', 'confirm', 'submit', 'sign out', 'log out',
  'logout', 'signout', 'uninstall', 'format', 'erase', 'wipe', 'checkout', 'place order', 'shut down', 'shutdown',
  'restart', 'reset', 'discard', 'overwrite', 'empty trash', 'publish', 'withdraw',
];
const wordRe = new RegExp(`(^|[^a-z])(${HIGH_RISK_WORDS.map((w) => w.replace(/ /g, '\\s+')).join('|')})([^a-z]|$)`, 'i');

/** Combos that close, quit, log out or delete (modifiers sorted, lower-case, joined by +). */
const HIGH_RISK_COMBOS = new Set([
  'alt+f4', 'ctrl+w', 'ctrl+q', 'meta+q', 'meta+w', 'ctrl+shift+q', 'ctrl+shift+w', 'alt+ctrl+delete', 'alt+ctrl+backspace',
  'meta+l', 'delete+shift', 'delete+meta', 'ctrl+delete', 'ctrl+d', 'meta+backspace', 'ctrl+shift+delete',
]);
function comboKey(keys: readonly string[]): string {
  return [...keys].map((k) => k.toLowerCase()).sort().join('+');
}

/** Luhn check for 13-19 digit card numbers (spaces and dashes allowed). */
export function looksLikeCardNumber(text: string): boolean {
  for (const m of text.matchAll(/(?:\d[ -]?){12,18}\d/g)) {
    const digits = m[0].replace(/\D/g, '');
    let sum = 0;
    for (let i = 0; i < digits.length; i++) {
      let d = Number(digits[digits.length - 1 - i]);
      if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      sum += d;
    }
    if (sum % 10 === 0) return true;
  }
  return false;
}

/** Tokens that look like keys or passwords: long, mixed classes, no spaces; or explicit key prefixes. */
export function looksLikeSecret(text: string): boolean {
  if (/\b(sk|pk|ghp|gho|xox[abp]|AKIA|AIza)[-_A-Za-z0-9]{12,}/.test(text)) return true;
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) return true;
  return text.split(/\s+/).some((t) => {
    if (t.length < 12 || t.length > 200) return false;
    const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(t)).length;
    return classes >= 3 && !/^https?:\/\//.test(t) && !/^[\w.+-]+@[\w-]+\.[\w.]+$/.test(t);
  });
}

export function classifyRisk(r: ResolvedAction): Risk {
  const reasons: string[] = [];
  const a = r.action;
  for (const t of r.targets) {
    const m = wordRe.exec(t.text);
    if (m && a.kind !== 'scroll') reasons.push(`target "${t.text}" says "${m[2]!.toLowerCase()}"`);
    if (a.kind === 'type' && /pass(word)?|passcode|pin\b|secret|token|api key|cvv|cvc/i.test(t.text)) {
      reasons.push(`typing into "${t.text}", which looks like a password or secret field`);
    }
  }
  if (a.kind === 'type') {
    if (looksLikeCardNumber(a.text)) reasons.push('the text looks like a card number');
    if (looksLikeSecret(a.text)) reasons.push('the text looks like a password or key');
  }
  if (a.kind === 'press') {
    const k = comboKey(a.keys);
    if (HIGH_RISK_COMBOS.has(k)) reasons.push(`${a.keys.join('+')} closes, quits, logs out or deletes`);
    if (a.keys.length === 1 && a.keys[0] === 'delete') reasons.push('delete key');
  }
  return { tier: reasons.length ? 'high' : 'normal', reasons };
}
