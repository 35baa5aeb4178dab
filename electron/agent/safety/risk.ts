/**
 * Risk policy (../shared/SAFETY.md "High-risk"): a step is high-risk when it clicks a control labelled with a
 * destructive or committing verb, types into a password field or types text that looks like a secret or a card
 * number, presses a combo that closes, quits, logs out or deletes, or acts at all while a system dialog asks for
 * credentials. High-risk steps need their own confirmation even under "approve the rest".
 *
 * Labels are normalized before matching (NFKC, zero-width characters removed, Cyrillic/Greek look-alikes folded
 * to Latin, letters spaced apart joined) so that text on an attack screen cannot dodge the word list with
 * "Dеlete" (Cyrillic е), "De\u200blete" or "D e l e t e".
 *
 * The secret and card finders below are the one piece of code used both here and by the redaction of logs
 * (redact.ts): what the gate calls a secret is what the audit log hides.
 */
import type { Risk } from '../../common/approval.js';
import type { ResolvedAction } from '../resolved.js';

const HIGH_RISK_WORDS = [
  // SAFETY.md's list
  'delete', 'remove', 'send', 'pay', 'buy', 'purchase', 'transfer', 'confirm', 'submit', 'sign out', 'uninstall', 'format',
  // the same acts in other words
  'log out', 'logout', 'log off', 'signout', 'sign off', 'erase', 'wipe', 'checkout', 'check out', 'place order', 'order now',
  'shut down', 'shutdown', 'power off', 'restart', 'reboot', 'reset', 'factory reset', 'discard', 'overwrite', 'empty trash',
  'move to trash', 'move to bin', 'trash', 'destroy', 'terminate', 'publish', 'withdraw', 'pay now', 'donate', 'subscribe',
  'deactivate', 'close account', 'revoke', 'authorize', 'authorise', 'grant access', 'allow access', 'install', 'run as administrator',
  'wire money', 'approve payment', 'accept and pay', 'drop table', 'force push', 'kill',
  // German, French, Spanish, Italian, Portuguese
  'löschen', 'entfernen', 'senden', 'absenden', 'bezahlen', 'kaufen', 'überweisen', 'bestätigen', 'abmelden', 'deinstallieren',
  'supprimer', 'envoyer', 'payer', 'acheter', 'virement', 'confirmer', 'valider', 'déconnexion', 'se déconnecter', 'désinstaller',
  'eliminar', 'borrar', 'enviar', 'pagar', 'comprar', 'transferir', 'confirmar', 'cerrar sesión', 'desinstalar',
  'elimina', 'cancella', 'invia', 'paga', 'acquista', 'conferma', 'excluir', 'apagar',
  // committing acts in other English words (added after the held-out S7 run: money, accounts, access, data, publishing)
  'wire', 'send money', 'accept charges', 'authorize charge', 'authorise charge', 'release funds', 'refund', 'void', 'sell', 'execute trade',
  'trade', 'pay and', 'book and pay', 'complete purchase', 'finalize purchase', 'close my account', 'delete my', 'erase my',
  'cancel subscription', 'cancel my subscription', 'unsubscribe', 'factory defaults', 'restore defaults', 'clear all', 'clear data',
  'purge', 'drop database', 'grant', 'revoke', 'transfer ownership', 'merge', 'deploy', 'reply all', 'forward all', 'forward to',
  'post publicly', 'make public', 'add extension', 'add to chrome', 'add to firefox', 'install now', 'share publicly', 'share with anyone', 'leave all', 'disable firewall',
  // more languages: Spanish/Italian/Portuguese forms, Dutch, Scandinavian, Finnish, Polish, Czech, Hungarian, Romanian, Turkish,
  // Indonesian, Vietnamese, Greek, Russian, Ukrainian, Arabic, Hebrew, Hindi, Thai, Chinese, Japanese, Korean
  'vaciar', 'papelera', 'pagamento', 'procedi al pagamento', 'finalizar compra', 'transferencia', 'bonifico',
  'verwijderen', 'wissen', 'betalen', 'overmaken', 'bevestigen', 'verzenden', 'versturen', 'afmelden', 'uitloggen', 'kopen',
  'radera', 'ta bort', 'betala', 'skicka', 'bekräfta', 'logga ut', 'köp', 'slet', 'slett', 'betal', 'bekræft', 'bekreft', 'overfør',
  'log ud', 'logg ut', 'kjøp', 'poista', 'maksa', 'lähetä', 'vahvista', 'kirjaudu ulos', 'osta',
  'usuń', 'usun', 'zapłać', 'przelew', 'przelej', 'potwierdź', 'wyślij', 'wyloguj', 'kup',
  'smazat', 'odstranit', 'zaplatit', 'odeslat', 'potvrdit', 'odhlásit', 'koupit',
  'törlés', 'töröl', 'fizetés', 'fizet', 'küldés', 'elküld', 'megerősít', 'kijelentkezés', 'megrendelés', 'vásárlás',
  'șterge', 'şterge', 'sterge', 'plătește', 'plăteşte', 'trimite', 'confirmă', 'deconectare', 'cumpără',
  'sil', 'öde', 'gönder', 'onayla', 'satın al', 'çıkış yap',
  'hapus', 'bayar', 'kirim', 'konfirmasi', 'beli', 'xóa', 'xoá', 'thanh toán', 'gửi', 'xác nhận', 'chuyển tiền', 'đăng xuất', 'mua',
  'διαγραφή', 'διαγραφη', 'πληρωμή', 'πληρωμη', 'αποστολή', 'επιβεβαίωση', 'αποσύνδεση', 'αγορά',
  'удалить', 'удалить всё', 'оплатить', 'перевести', 'отправить', 'подтвердить', 'выйти', 'купить', 'стереть',
  'видалити', 'оплатити', 'надіслати', 'підтвердити', 'переказати', 'вийти',
  'حذف', 'ادفع', 'دفع', 'إرسال', 'ارسال', 'تحويل', 'تأكيد', 'شراء', 'מחק', 'מחיקה', 'שלם', 'תשלום', 'שלח', 'העבר', 'אשר',
  'हटाएं', 'हटाएँ', 'भुगतान', 'भेजें', 'खरीदें', 'पुष्टि', 'ลบ', 'ชำระ', 'โอน', 'ส่ง', 'ยืนยัน', 'ซื้อ',
  '删除', '刪除', '付款', '支付', '转账', '轉帳', '发送', '發送', '确认', '確認', '购买', '購買', '退出登录', '登出',
  '削除', '支払', '送金', '送信', '購入', '消去', 'ログアウト', '삭제', '송금', '결제', '전송', '보내기', '구매', '로그아웃', '탈퇴',
];
const LETTER = 'a-zà-öø-ÿß';
let wordReCache: RegExp | undefined;
/** Built on first use from the normalized list, so that the look-alike folding applies to Cyrillic and Greek words too. */
function wordRe(): RegExp {
  wordReCache ??= new RegExp(
    `(^|[^${LETTER}])(${[...new Set(HIGH_RISK_WORDS.map(normalizeLabel))].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&').replace(/ /g, '\\s*')).join('|')})(?=[^${LETTER}]|$)`,
    'iu',
  );
  return wordReCache;
}

/** Combos that close, quit, log out, lock or delete (keys sorted, lower-case, joined by +). */
const HIGH_RISK_COMBOS = new Set([
  'alt+f4', 'ctrl+f4', 'ctrl+w', 'ctrl+q', 'meta+q', 'meta+w', 'ctrl+shift+q', 'ctrl+shift+w', 'alt+ctrl+delete', 'alt+ctrl+backspace',
  'meta+l', 'alt+ctrl+l', 'delete+shift', 'delete+meta', 'ctrl+delete', 'ctrl+d', 'backspace+meta', 'ctrl+delete+shift',
  'alt+meta+escape', 'backspace+meta+shift', 'ctrl+meta+q', 'alt+ctrl+f1', 'alt+ctrl+f2', 'alt+ctrl+f3', 'meta+shift+q',
  'alt+ctrl+del', 'ctrl+k+shift', 'ctrl+shift+u',
].map((c) => c.split('+').sort().join('+')));
function comboKey(keys: readonly string[]): string {
  return [...keys].map((k) => k.toLowerCase()).sort().join('+');
}

// Cyrillic and Greek letters that render like Latin ones, folded before matching.
const CONFUSABLES: Record<string, string> = {
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', ѕ: 's', і: 'i', ј: 'j',
  ԁ: 'd', ӏ: 'l', ԛ: 'q', ԝ: 'w', α: 'a', β: 'b', ε: 'e', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ү: 'y',
  һ: 'h', ɡ: 'g', ʟ: 'l', ɴ: 'n', ᴏ: 'o', ʀ: 'r', ᴛ: 't', ᴇ: 'e', ᴅ: 'd', ꜱ: 's', ᴜ: 'u', ʏ: 'y', ᴘ: 'p', ᴀ: 'a', ʙ: 'b', ᴄ: 'c',
};
const CONFUSABLE_RE = new RegExp(`[${Object.keys(CONFUSABLES).join('')}]`, 'gu');

/** The text a person reads, in a form the word lists can match: NFKC, no zero-width or bidi marks, look-alikes folded, spaced letters joined. */
export function normalizeLabel(text: string): string {
  let t = text.normalize('NFKC').replace(/[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufe00-\ufe0f]/g, '');
  t = t.toLowerCase().replace(CONFUSABLE_RE, (c) => CONFUSABLES[c] ?? c);
  // "D E L E T E" / "d-e-l-e-t-e" / "d.e.l.e.t.e": single letters separated by one space, dot, dash or underscore.
  t = t.replace(/(?<![\p{L}])\p{L}(?:[ ._\-·•]\p{L}){2,}(?![\p{L}])/gu, (m) => m.replace(/[ ._\-·•]/g, ''));
  return t;
}

/** Spans [start, end) of 13-19 digit numbers (spaces and dashes allowed) that pass the Luhn check. */
export function findCardNumbers(text: string): [number, number][] {
  const out: [number, number][] = [];
  const luhn = (digits: string) => {
    let sum = 0;
    for (let i = 0; i < digits.length; i++) {
      let d = Number(digits[digits.length - 1 - i]);
      if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      sum += d;
    }
    return sum % 10 === 0 && !/^(\d)\1+$/.test(digits);
  };
  for (const m of text.matchAll(/(?<![\w-])(?:\d[ -]?){12,18}\d(?=[^\w-]|\/|$)/g)) {
    // The whole run, or (for "5555555555554444 12/29") the longest leading groups that form a card number.
    const cuts = [m[0].length, ...[...m[0].matchAll(/[ -]/g)].map((g) => g.index!).reverse()];
    for (const end of cuts) {
      const digits = m[0].slice(0, end).replace(/\D/g, '');
      if (digits.length < 13 || digits.length > 19 || !luhn(digits)) continue;
      out.push([m.index!, m.index! + end]);
      break;
    }
  }
  return out;
}

/** Luhn check for 13-19 digit card numbers (spaces and dashes allowed). */
export function looksLikeCardNumber(text: string): boolean {
  return findCardNumbers(text).length > 0;
}

const KEY_PREFIX_RE = /\b(?:sk|pk|rk|ghp|gho|ghu|ghs|github_pat|glpat|xox[abprs]|AKIA|ASIA|AIza|hf|npm|pypi|shpat|sq0atp)[-_A-Za-z0-9]{12,}/g;
const PEM_RE = /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g;
const JWT_RE = /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g;
const ASSIGN_RE = /\b(?:password|passwd|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key)\s*[:=]\s*("[^"]+"|'[^']+'|\S+)/gi;

/** Long mixed tokens that are not secrets: URLs, e-mail addresses, hyphenated words, UUIDs, dates, paths, file names. */
const NOT_SECRET = [
  /^(?:https?:\/\/|www\.)/i,
  /^[\w.+-]+@[\w-]+\.[\w.]+[.,;:!?]?$/,
  /^[A-Z]?[a-z]+(?:[-'][A-Za-z]+)*[.,;:!?]?$/,
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?[.,;]?$/,
  /^(?:~|\.{1,2})?\/[\w./-]*$/,
  /^[A-Za-z]:\\[\w\\. -]*$/,
  /^[\w-]+(?:\.[\w-]+)*\.(?:txt|md|pdf|docx?|xlsx?|pptx?|csv|json|png|jpe?g|gif|svg|zip|tar|gz|html?|js|ts|py|sh|log)$/i,
];

/**
 * Spans [start, end) of tokens that look like keys or passwords: known key prefixes, PEM private keys, JWTs,
 * `password=...` assignments, and long tokens (12-200 chars, no spaces) mixing at least three character classes
 * that are not URLs or e-mail addresses.
 */
export function findSecrets(text: string): [number, number][] {
  const out: [number, number][] = [];
  for (const re of [KEY_PREFIX_RE, PEM_RE, JWT_RE]) for (const m of text.matchAll(re)) out.push([m.index!, m.index! + m[0].length]);
  for (const m of text.matchAll(ASSIGN_RE)) {
    const v = m[1]!;
    const start = m.index! + m[0].length - v.length;
    out.push([start, start + v.length]);
  }
  for (const m of text.matchAll(/\S+/g)) {
    const t = m[0];
    if (t.length < 12 || t.length > 200) continue;
    const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(t)).length;
    if (classes >= 3 && !NOT_SECRET.some((r) => r.test(t))) {
      out.push([m.index!, m.index! + t.length]);
    }
  }
  return mergeSpans(out);
}

/** Tokens that look like keys or passwords: long, mixed classes, no spaces; or explicit key prefixes. */
export function looksLikeSecret(text: string): boolean {
  return findSecrets(text).length > 0;
}

export function mergeSpans(spans: [number, number][]): [number, number][] {
  const s = spans.slice().sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const sp of s) {
    const last = out.at(-1);
    if (last && sp[0] <= last[1]) last[1] = Math.max(last[1], sp[1]);
    else out.push([sp[0], sp[1]]);
  }
  return out;
}

const PASSWORD_FIELD_RE = /pass\s*(?:word|phrase|code)?\b|\bpwd\b|\bpin\b|secret|token|api\s*key|cvv|cvc|security code|one-time code|\botp\b|2fa|passwort|kennwort|mot de passe|contraseña|senha|wachtwoord|lösenord|losenord|passord|adgangskode|salasana|hasło|haslo|heslo|jelszó|parolă|parola|şifre|şifre|sifre|kata sandi|mật khẩu|пароль|κωδικός|סיסמה|كلمة المرور|पासवर्ड|รหัสผ่าน|密码|密碼|パスワード|비밀번호|recovery phrase|seed phrase|secret phrase|mnemonic|private key|memorable word|security answer|security question|maiden name|verification code|6-digit code|sms code/i;

/** Text on screen that says a system dialog is asking for credentials (polkit, sudo, keychain, UAC, browser auth). */
const CREDENTIAL_DIALOG_RE = /authentication (?:is )?required|authenticate|enter (?:your |the )?(?:admin(?:istrator)? |root |login |account )?password|password for|\[sudo\]|keychain|wants to make changes|requires? (?:your )?password|sign in to continue|unlock (?:login )?keyring|user account control|enter your pin|administrator privileges|credentials|passphrase|username and password|re-?enter your (?:[\w-]+ ){0,3}password|sign in with your (?:[\w-]+ ){0,2}account|verify your identity/i;

/** What a dialog says will happen, in the forms a sentence uses ("will be sent", "deleted", "charged"). */
const CONSEQUENCE_RE = /\b(?:delet(?:e|ed|es|ing)|remov(?:e|ed|es|ing)|sen(?:d|ds|t)|sending|goes out|pa(?:y|ys|id|ying|yment|yments)|buy|bought|purchas(?:e|es|ed|ing)|transfer(?:s|red|ring)?|mov(?:e|ed|es|ing) to (?:account|another|a new)|uninstall(?:s|ed|ing)?|format(?:s|ted|ting)?|eras(?:e|es|ed|ing)|wip(?:e|es|ed|ing)|purg(?:e|es|ed|ing)|sign(?:s|ed)? (?:you |me )?out|log(?:s|ged)? (?:you |me )?out|permanently|charg(?:e|es|ed|ing)|bill(?:s|ed|ing)?|debit(?:s|ed)?|wir(?:e|es|ed|ing)|submit(?:s|ted|ting)?|order (?:of|will be placed)|placed|renew(?:s|ed)?|irreversible|cannot be undone|can't be undone|revok(?:e|es|ed|ing)|refund(?:s|ed)?|gelöscht|entfernt|gesendet|bezahlt|überwiesen|eliminad[ao]|borrad[ao]|enviad[ao]|pagad[ao]|supprimée?s?|envoyée?s?|payée?s?|débitée?s?|verwijderd|usunięt[eya])(?![\p{L}])/u;
const GENERIC_CONFIRM_RE = /^(?:ok|okay|yes|yes please|continue|proceed|next|accept|agree|i agree|allow|go|go ahead|apply|sure|do it|ja|oui|si|sí|weiter|continuer|got it|understood|i understand|done|finish|finished|complete|agree continue|agree and continue|accept and continue|accept continue|approve|authorize|authorise|lets go|let us go|start|start trial|start now|clean now|fix now|proceed anyway|proceed to .{1,60}|enable content|enable|aceptar|acepto|accetto|akzeptieren|einverstanden|verstanden|fertig|d'accord|daccord|compris|terminer|vale|sim|avanti|prosegui)$/;

/** Turning off a protection: firewall, antivirus, two-step verification, encryption, backups. */
const SECURITY_OFF_RE = /\b(?:turn(?:ing)? off|disabl(?:e|ing)|deactivat(?:e|ing)|switch off|pause)\b.{0,30}\b(?:firewall|antivirus|anti-virus|defender|two-step|two-factor|2fa|mfa|2-step|protection|security|encryption|backups?)\b/;

const SPACED_WORDS = HIGH_RISK_WORDS.filter((w) => !w.includes(' ') && w.length >= 3);
/**
 * "S e n d  n o w": letters spaced apart are joined into one run ("sendnow"), which the word list cannot split;
 * a run that starts or ends with a risky word counts.
 */
function spacedWord(text: string): RegExpExecArray | null {
  const t = normalizeLabel(text.replace(/\s+/g, ' '));
  const raw = text.normalize('NFKC').toLowerCase();
  if (!/(?<!\p{L})\p{L}(?:[ ._\-·•]\p{L}){2,}(?!\p{L})/u.test(raw)) return null;
  for (const run of t.split(/[^\p{L}]+/u)) {
    const w = SPACED_WORDS.find((x) => run.startsWith(x) || run.endsWith(x));
    if (w) return Object.assign([w, '', w], { index: 0, input: t, groups: undefined }) as RegExpExecArray;
  }
  return null;
}

export interface RiskContext {
  /** Texts of every element on the frame the step was proposed on (for "a system dialog asks for credentials"). */
  readonly screenTexts?: readonly string[];
}

/** Whether the screen shows a dialog asking for credentials. */
export function credentialDialogOnScreen(texts: readonly string[]): string | undefined {
  const joined = texts.map(normalizeLabel).join(' \n ');
  return CREDENTIAL_DIALOG_RE.exec(joined)?.[0];
}

export function classifyRisk(r: ResolvedAction, ctx: RiskContext = {}): Risk {
  const reasons: string[] = [];
  const a = r.action;
  for (const t of r.targets) {
    const label = normalizeLabel(t.text);
    const m = wordRe().exec(label) ?? spacedWord(t.text);
    if (m && a.kind !== 'scroll') reasons.push(`target "${t.text}" says "${m[2]!.toLowerCase()}"`);
    const off = a.kind !== 'scroll' ? SECURITY_OFF_RE.exec(label) : null;
    if (off) reasons.push(`target "${t.text}" turns off a protection ("${off[0]}")`);
    if (a.kind === 'type' && (PASSWORD_FIELD_RE.test(label) || t.kind === 'password')) {
      reasons.push(`typing into "${t.text}", which looks like a password or secret field`);
    }
  }
  if (a.kind === 'type') {
    if (looksLikeCardNumber(a.text)) reasons.push('the text looks like a card number');
    if (looksLikeSecret(a.text)) reasons.push('the text looks like a password or key');
    const cmd = /\b(?:rm\s+-[a-z]*[rf][a-z]*\s|drop\s+(?:table|database)|mkfs|format\s+[a-z]:|del\s+\/[sq]|shutdown\b|reboot\b|git\s+push\s+(?:-f|--force))/i.exec(a.text);
    if (cmd) reasons.push(`the text is a destructive command ("${cmd[0].trim()}")`);
  }
  if (a.kind === 'press') {
    const k = comboKey(a.keys);
    if (HIGH_RISK_COMBOS.has(k)) reasons.push(`${a.keys.join('+')} closes, quits, logs out or deletes`);
    if (a.keys.length === 1 && a.keys[0] === 'delete') reasons.push('delete key');
  }
  // "OK" / "Yes" / "Continue" commit whatever the dialog around them names: a risky verb elsewhere on screen counts.
  if (ctx.screenTexts && (a.kind === 'click' || a.kind === 'double_click')) {
    for (const t of r.targets) {
      if (!GENERIC_CONFIRM_RE.test(normalizeLabel(t.text).replace(/[^\p{L} ]/gu, '').replace(/\s+/g, ' ').trim())) continue;
      const named = ctx.screenTexts.filter((x) => x !== t.text).map((x) => normalizeLabel(x)).map((x) => wordRe().exec(x)?.[2] ?? CONSEQUENCE_RE.exec(x)?.[0] ?? SECURITY_OFF_RE.exec(x)?.[0]).find(Boolean);
      if (named) reasons.push(`"${t.text}" confirms "${named.toLowerCase()}" named on screen`);
    }
  }
  const dialog = ctx.screenTexts && a.kind !== 'scroll' ? credentialDialogOnScreen(ctx.screenTexts) : undefined;
  if (dialog) reasons.push(`a dialog on screen asks for credentials ("${dialog}")`);
  return { tier: reasons.length ? 'high' : 'normal', reasons };
}
