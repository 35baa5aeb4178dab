/**
 * Risk policy (../shared/SAFETY.md "High-risk"): a step is high-risk when it clicks a control labelled with a
 * destructive or committing verb, types into a password field or types text that looks like a secret or a card
 * number, presses a combo that closes, quits, logs out or deletes, or acts at all while a system dialog asks for
 * credentials. High-risk steps need their own confirmation even under "approve the rest".
 *
 * Quitting and closing (issue #10: `click Quit` on xedit ran unconfirmed under "approve the rest"): a control that
 * quits an application is always high-risk, like ctrl+q; "Close" is high-risk only while the screen shows unsaved
 * work; "Don't save" and "No" to "Save changes?" throw work away. See quitOrCloseReasons below for why.
 *
 * Labels are normalized before matching (NFKC, zero-width characters removed, Cyrillic/Greek look-alikes folded
 * to Latin, letters spaced apart joined) so that text on an attack screen cannot dodge the word list with
 * "Dеlete" (Cyrillic е), "De\u200blete" or "D e l e t e".
 *
 * The secret and card finders below are the one piece of code used both here and by the redaction of logs
 * (redact.ts): what the gate calls a secret is what the audit log hides.
 */
import type { Risk } from '../../common/approval.js';
import type { Action } from '../../common/actions.js';
import type { ResolvedAction } from '../resolved.js';
import { lookOnlyGoal, movesOnly, outOfScopeReasons, saysWhole } from './goal-scope.js';
import { classReasons } from './class-risk.js';
import { listRow, recordOfAct } from './nav-label.js';
import { goalSays, provenanceReasons, searchField, type ProvenanceInput } from './provenance.js';

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
  // throwing unsaved work away (issue #10): the "Don't save" of a save prompt, in the usual languages
  "don't save", 'don’t save', 'dont save', 'do not save', 'without saving', 'nicht speichern', 'ohne speichern', 'ne pas enregistrer',
  'sans enregistrer', 'no guardar', 'sin guardar', 'non salvare', 'não salvar', 'nao salvar', 'niet opslaan', 'spara inte', 'gem ikke',
  'ikke lagre', 'nie zapisuj', 'neukládat', 'не сохранять', '保存しない', '不保存', '저장 안 함', '저장하지 않음',
];
/**
 * Controls that quit an application. "Exit"/"Quit" also leave a view ("Exit full screen", "Quitter le mode plein
 * écran", "Vollbild beenden", "退出全屏"): those lose nothing and are excepted by VIEW_MODE_RE. Thai "ออก" is left
 * out: Thai is matched as a substring and "ออก" is part of many ordinary words.
 */
const QUIT_WORDS = [
  'quit', 'exit', 'force quit', 'beenden', 'quitter', 'salir', 'esci', 'sair', 'afsluiten', 'avsluta', 'afslut', 'avslutt', 'lopeta',
  'zakończ', 'wyjdź', 'ukončit', 'kilépés', 'ieșire', 'ieşire', 'çıkış', 'keluar', 'thoát', 'έξοδος', 'выход', 'вихід', 'خروج', 'יציאה',
  'बाहर निकलें', '退出', '終了', '종료',
];
/** Leaving a view mode or a tour: "Exit"/"Quit" there closes nothing. Matched on the normalized label. */
const VIEW_MODE_RE = /full\s*-?\s*screen|plein\s+écran|pantalla\s+completa|vollbild|schermo\s+intero|tela\s+cheia|volledig\s+scherm|helskärm|pełny\s+ekran|全屏|全螢幕|全画面|전체\s*화면|reader|reading\s+mode|presentation|slide\s*show|focus\s+mode|zen\s+mode|immersive|picture[-\s]in[-\s]picture|preview|\btour\b|walkthrough|tutorial|selection\s+mode|edit(?:ing)?\s+mode|search|kiosk/u;
/**
 * Controls that close a window, a document or a tab. Thai "ปิด" is left out: it is a substring of "เปิด" (open).
 * An icon-only close box ("✕", "×", "X") is matched on the whole label by CLOSE_BOX_RE.
 */
const CLOSE_WORDS = [
  'close', 'schließen', 'schliessen', 'fermer', 'cerrar', 'chiudi', 'fechar', 'sluiten', 'stäng', 'luk', 'lukk', 'sulje', 'zamknij', 'zavřít',
  'bezárás', 'închide', 'inchide', 'kapat', 'tutup', 'đóng', 'κλείσιμο', 'закрыть', 'закрити', 'إغلاق', 'סגור', 'बंद करें', '关闭', '關閉', '閉じる', '닫기',
];
const CLOSE_BOX_RE = /^[\s[(]*(?:x|✕|×|✖|╳|🗙|ⓧ|⊗)[\s\])]*$/u;

const LETTER = 'a-zà-öø-ÿß';
/** One regex for a word list, matched on whole words (CJK and Thai as substrings) after the same normalization as labels. */
function wordListRe(words: readonly string[]): RegExp {
  return new RegExp(
    `(^|[^${LETTER}])(${[...new Set(words.map(normalizeLabel))].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&').replace(/ /g, '\\s*')).join('|')})(?=[^${LETTER}]|$)`,
    'iu',
  );
}
let wordReCache: RegExp | undefined;
let quitReCache: RegExp | undefined;
let closeReCache: RegExp | undefined;
/** Built on first use from the normalized list, so that the look-alike folding applies to Cyrillic and Greek words too. */
function wordRe(): RegExp {
  return (wordReCache ??= wordListRe(HIGH_RISK_WORDS));
}
function quitRe(): RegExp {
  return (quitReCache ??= wordListRe(QUIT_WORDS));
}
function closeRe(): RegExp {
  return (closeReCache ??= wordListRe(CLOSE_WORDS));
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
    // Letters of any script are letters ("Lindenstraße", "Ångström"): only digits and symbols add classes.
    const classes = [/\p{Ll}/u, /\p{Lu}/u, /[0-9]/, /[^\p{L}\p{N}]/u].filter((r) => r.test(t)).length;
    if (classes >= 3 && !NOT_SECRET.some((r) => r.test(t))) {
      out.push([m.index!, m.index! + t.length]);
    }
  }
  return mergeSpans(out);
}

/** A key by its form (a known prefix, a PEM block, a JWT, `password=...`), not only by mixing character classes. */
export function keyByForm(text: string): boolean {
  return [KEY_PREFIX_RE, PEM_RE, JWT_RE, ASSIGN_RE].some((re) => {
    re.lastIndex = 0;
    const hit = re.test(text);
    re.lastIndex = 0;
    return hit;
  });
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

const PASSWORD_FIELD_RE = /pass\s*(?:word|phrase|code)?\b|\bpwd\b|\bpin\b|secret|token|api\s*key|cvv|cvc|security code|one-time code|\botp\b|2fa|passwort|kennwort|mot de passe|contraseña|senha|wachtwoord|lösenord|losenord|passord|adgangskode|salasana|hasło|haslo|heslo|jelszó|parolă|parola|şifre|şifre|sifre|kata sandi|mật khẩu|пароль|κωδικός|סיסמה|كلمة المرور|पासवर्ड|รหัสผ่าน|密码|密碼|パスワード|비밀번호|recovery phrase|seed phrase|secret phrase|mnemonic|private key|memorable word|security answer|security question|maiden name|verification code|6-digit code|sms code|^\s*code\s*$|\btan\b|(?:freigabe|bestätigungs|sicherheits|einmal)code|code de (?:vérification|sécurité|confirmation)|código de (?:verificación|seguridad|confirmación)|验证码|驗證碼|安全码|安全碼|认证码|動態碼|認証コード|確認コード|セキュリティコード|暗証番号|ワンタイム/i;
/**
 * A field that names who signs in, not a secret: the e-mail or user name of a login form. Typing it while a sign-in
 * prompt is on screen is how signing in starts; the password field and the submit after it stay high-risk.
 */
const IDENTITY_FIELD_RE = /^(?:your |work |school )?(?:e-?mail(?: address)?|user ?name|user ?id|login|account|phone(?: number)?|benutzername|e-?mail-adresse|identifiant|adresse e-?mail|nom d.utilisateur|usuario|nombre de usuario|correo(?: electrónico)?|用户名|用戶名|邮箱|電子郵件|账号|帳號|ユーザー ?名|メール ?アドレス|アカウント)(?:\s*(?:or|oder|ou|o|或)\s*\S+)?\s*\*?$/i;

/** Text on screen that says a system dialog is asking for credentials (polkit, sudo, keychain, UAC, browser auth). */
const CREDENTIAL_DIALOG_RE = /authentication (?:is )?required|authenticate|enter (?:your |the )?(?:admin(?:istrator)? |root |login |account )?password|password for|\[sudo\]|keychain|wants to make changes|requires? (?:your )?password|sign in to continue|unlock (?:login )?keyring|user account control|enter your pin|administrator privileges|credentials|passphrase|username and password|re-?enter your (?:[\w-]+ ){0,3}password|sign in with your (?:[\w-]+ ){0,2}account|verify your identity/i;

/** What a dialog says will happen, in the forms a sentence uses ("will be sent", "deleted", "charged"). */
const CONSEQUENCE_RE = /\b(?:delet(?:e|ed|es|ing)|remov(?:e|ed|es|ing)|sen(?:d|ds|t)|sending|goes out|pa(?:y|ys|id|ying|yment|yments)|buy|bought|purchas(?:e|es|ed|ing)|transfer(?:s|red|ring)?|mov(?:e|ed|es|ing) to (?:account|another|a new)|uninstall(?:s|ed|ing)?|format(?:s|ted|ting)?|eras(?:e|es|ed|ing)|wip(?:e|es|ed|ing)|purg(?:e|es|ed|ing)|sign(?:s|ed)? (?:you |me )?out|log(?:s|ged)? (?:you |me )?out|permanently|charg(?:e|es|ed|ing)|bill(?:s|ed|ing)?|debit(?:s|ed)?|wir(?:e|es|ed|ing)|submit(?:s|ted|ting)?|order (?:of|will be placed)|placed|renew(?:s|ed)?|irreversible|cannot be undone|can't be undone|revok(?:e|es|ed|ing)|refund(?:s|ed)?|gelöscht|entfernt|gesendet|bezahlt|überwiesen|eliminad[ao]|borrad[ao]|enviad[ao]|pagad[ao]|supprimée?s?|envoyée?s?|payée?s?|débitée?s?|verwijderd|usunięt[eya])(?![\p{L}])/u;
const GENERIC_CONFIRM_RE = /^(?:ok|okay|yes|yes please|continue|proceed|next|accept|agree|i agree|allow|go|go ahead|apply|sure|do it|ja|oui|si|sí|weiter|continuer|got it|understood|i understand|done|finish|finished|complete|agree continue|agree and continue|accept and continue|accept continue|approve|authorize|authorise|lets go|let us go|start|start trial|start now|clean now|fix now|proceed anyway|proceed to .{1,60}|enable content|enable|aceptar|acepto|accetto|akzeptieren|einverstanden|verstanden|fertig|d'accord|daccord|compris|terminer|vale|sim|avanti|prosegui)$/;

/** Turning off a protection: firewall, antivirus, two-step verification, encryption, backups. */
const SECURITY_OFF_RE = /\b(?:turn(?:ing)? off|disabl(?:e|ing)|deactivat(?:e|ing)|switch off|pause)\b.{0,30}\b(?:firewall|antivirus|anti-virus|defender|two-step|two-factor|2fa|mfa|2-step|protection|security|encryption|backups?)\b/;

const spacedList = (words: readonly string[]) => words.filter((w) => !w.includes(' ') && w.length >= 3);
const SPACED_WORDS = spacedList(HIGH_RISK_WORDS);
const SPACED_QUIT_WORDS = spacedList(QUIT_WORDS);
/**
 * "S e n d  n o w": letters spaced apart are joined into one run ("sendnow"), which the word list cannot split;
 * a run that starts or ends with a risky word counts.
 */
function spacedWord(text: string, words: readonly string[] = SPACED_WORDS): RegExpExecArray | null {
  const t = normalizeLabel(text.replace(/\s+/g, ' '));
  const raw = text.normalize('NFKC').toLowerCase();
  if (!/(?<!\p{L})\p{L}(?:[ ._\-·•]\p{L}){2,}(?!\p{L})/u.test(raw)) return null;
  for (const run of t.split(/[^\p{L}]+/u)) {
    const w = words.find((x) => run.startsWith(x) || run.endsWith(x));
    if (w) return Object.assign([w, '', w], { index: 0, input: t, groups: undefined }) as RegExpExecArray;
  }
  return null;
}

/*
 * Quitting and closing (issue #10). What a person expects, and what the labelled set (S8) was built to check:
 * - Quit/Exit of an application is always high-risk: whatever is unsaved goes, or the app's own "unsaved changes"
 *   warning is the next screen and a second Quit under "approve the rest" would go through it (xedit does exactly
 *   that: "Unsaved changes. Save them, or Quit again.").
 * - "Close" (and a bare "✕"/"×"/"X") is high-risk only while the screen shows unsaved work: "Close" buttons are on
 *   every info dialog, toast and cookie banner, where closing loses nothing; flagging them all would train people
 *   to confirm without reading. Where the screen shows no sign (no title marker, no warning), a Close stays
 *   normal. The labelled set has Close/✕/× on info dialogs, toasts, banners, forms with "* Required" and file lists
 *   with "Last modified": none may be flagged. ctrl+w and alt+f4 stay high-risk always: a combo has no label and
 *   closes whatever has the focus, which the gate cannot see.
 * - "Don't save" (in HIGH_RISK_WORDS) and "No" to a "Save changes?" prompt throw the work away: high-risk.
 * Screen texts are read lower-cased but not look-alike-folded, so the Cyrillic and CJK phrases below match as written.
 */
/** Signs of unsaved work on screen: title markers ("*notes.txt - gedit", "● main.ts", "[Modified]", "— Edited") and warnings. */
const UNSAVED_RE = /^\*[^\s*]|\.\w{1,6}\s?\*(?:\s|$)|^●\s*\S|\S\s*●$|\[modified\]|\(modified\)|\[\+\]|\s[-—–]\s*edited$|\bunsaved\b|\bnot (?:been |yet )?saved\b|(?:changes|work|edits) (?:you made )?(?:will|would) be lost|ungespeichert|nicht gespeichert|non enregistrée?s?|sin guardar|no guardad[oa]s?|non salvat[oie]|não salv|niet opgeslagen|未保存|未儲存|保存されていません|저장되지 않은|не сохран/u;
/** A prompt asking whether to save before closing or quitting ("Save changes to notes.txt before closing?"). */
const SAVE_PROMPT_RE = /(?:(?<!\p{L})(?:save|speichern|enregistrer|guardar|salvare|salvar|opslaan|spara|zapisać|сохранить)(?!\p{L})|保存|저장)[^!?\n]{0,80}\?|\bwant to save\b/u;
/** A sentence saying the work will be lost, for generic OK/Yes/Continue buttons under it. */
const LOSS_RE = /(?:changes|work|edits|data|document)[^.!\n]{0,30}(?:will|would) be lost|\blose (?:your |all |any |the )?(?:unsaved )?(?:changes|work|edits)\b|gehen verloren|seront perdu|se perderán|andranno pers|serão perdid|will not be saved/u;
/** "No" in the usual languages: the answer that skips saving on a save prompt. */
const DECLINE_RE = /^(?:no|nein|non|nee|nej|nei|nie|ne|não|nao|нет|ні|いいえ|아니요|아니오|否|不)$/u;

const screenForm = (t: string) => t.normalize('NFKC').toLowerCase().trim();
/** The first screen text that shows unsaved work, if any. */
function unsavedWorkOnScreen(texts: readonly string[]): string | undefined {
  return texts.find((x) => { const f = screenForm(x); return UNSAVED_RE.test(f) || SAVE_PROMPT_RE.test(f); });
}
/** A sentence on screen that asks to quit ("Are you sure you want to quit?", "Programm beenden?"), not a view mode. */
function quitQuestion(text: string): string | undefined {
  const n = normalizeLabel(text);
  if (!n.includes('?') || VIEW_MODE_RE.test(n)) return undefined;
  return quitRe().exec(n)?.[2];
}

/** Reasons a step on this target quits, closes unsaved work or declines to save (see the block comment above). */
function quitOrCloseReasons(target: string, kind: Action['kind'], screenTexts: readonly string[] | undefined): string[] {
  if (kind === 'scroll') return [];
  const label = normalizeLabel(target);
  const others = (screenTexts ?? []).filter((x) => x !== target);
  const quit = VIEW_MODE_RE.test(label) ? null : (quitRe().exec(label) ?? spacedWord(target, SPACED_QUIT_WORDS));
  // The label is quoted as shown; the matched word is not, since it is in its folded form ("Выход" matches as "bыxoд").
  if (quit) return [`target "${target}" quits an application; unsaved work there may be lost`];
  const closes = closeRe().exec(label)?.[2] ?? (CLOSE_BOX_RE.test(label) ? 'close box' : undefined);
  const unsaved = closes ? unsavedWorkOnScreen(screenTexts ?? []) : undefined;
  if (closes && unsaved) return [`target "${target}" closes a window while the screen shows unsaved work ("${unsaved}")`];
  if ((kind === 'click' || kind === 'double_click') && DECLINE_RE.test(label.replace(/[^\p{L}]/gu, ''))) {
    const prompt = others.find((x) => SAVE_PROMPT_RE.test(screenForm(x)));
    if (prompt) return [`"${target}" answers "${prompt}" and throws the unsaved changes away`];
  }
  return [];
}

export interface RiskContext {
  /** Texts of every element on the frame the step was proposed on (for "a system dialog asks for credentials"). */
  readonly screenTexts?: readonly string[];
  /** The person's goal: typed text that is on screen but not in the goal came from the page (provenance.ts). */
  readonly goal?: string;
  /** What the previous step typed, and whether into a terminal (the Enter after it runs it). */
  readonly lastTyped?: ProvenanceInput['lastTyped'];
}

/** Whether the screen shows a dialog asking for credentials. */
export function credentialDialogOnScreen(texts: readonly string[]): string | undefined {
  const joined = texts.map(normalizeLabel).join(' \n ');
  return CREDENTIAL_DIALOG_RE.exec(joined)?.[0];
}

export function classifyRisk(r: ResolvedAction, ctx: RiskContext = {}): Risk {
  const reasons: string[] = [];
  const a = r.action;
  // Under a goal that only asks to look, a link, tab or line of text whose whole label the goal says ("安装" under
  // "看看 README 里的安装步骤", "Install" under "read the install section") goes where the goal asks: its act words
  // name the section, not an act. A button, or a label the goal does not say whole, is judged as usual.
  const goalSection = (a.kind === 'click' || a.kind === 'double_click') && r.targets.length > 0 && lookOnlyGoal(ctx.goal ?? '') &&
    r.targets.every((t) => (t.kind === 'text' || t.kind === 'link' || t.kind === 'tab') && saysWhole(ctx.goal!, t.text));
  for (const t of r.targets) {
    const label = normalizeLabel(t.text);
    // Looking and moving around ("送料を確認", check the shipping cost; "Details") says no risky word (goal-scope.ts),
    // nor does a record of an act ("转账记录", nav-label.ts).
    // A line of text that is a row of a list ("An: jonas@… · Betreff: Bitte direkt senden") is content, not a control.
    const m = movesOnly(t.text) || recordOfAct(t.text) || goalSection || (t.kind === 'text' && listRow(t.text)) ? null : (wordRe().exec(label) ?? spacedWord(t.text));
    if (m && a.kind !== 'scroll') reasons.push(`target "${t.text}" says "${m[2]!.toLowerCase()}"`);
    reasons.push(...quitOrCloseReasons(t.text, a.kind, ctx.screenTexts));
    const off = a.kind !== 'scroll' ? SECURITY_OFF_RE.exec(label) : null;
    if (off) reasons.push(`target "${t.text}" turns off a protection ("${off[0]}")`);
    // A search box of a password manager ("搜索密码库", "1Password を検索") looks for entries; it holds no secret.
    if (a.kind === 'type' && (t.kind === 'password' || (PASSWORD_FIELD_RE.test(label) && !searchField(t.text)))) {
      reasons.push(`typing into "${t.text}", which looks like a password or secret field`);
    }
  }
  if (a.kind === 'type') {
    if (looksLikeCardNumber(a.text)) reasons.push('the text looks like a card number');
    // A token that only mixes letters, digits and symbols ("Contracts-2026") is the person's own when their goal
    // names it; a key by its form (sk-..., a PEM block) or a card asks whoever typed the goal.
    if (looksLikeSecret(a.text) && (keyByForm(a.text) || !goalSays(ctx.goal, a.text))) reasons.push('the text looks like a password or key');
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
      const others = ctx.screenTexts.filter((x) => x !== t.text);
      const named = others.map((x) => normalizeLabel(x)).map((x) => wordRe().exec(x)?.[2] ?? CONSEQUENCE_RE.exec(x)?.[0] ?? SECURITY_OFF_RE.exec(x)?.[0] ?? LOSS_RE.exec(x)?.[0]).find(Boolean)
        ?? others.map(quitQuestion).find(Boolean)
        // "Close this window?" confirms a close; that loses something only with unsaved work on screen. A prompt that
        // offers to save first ("Save changes before closing?") is not one: its Yes keeps the work.
        ?? (unsavedWorkOnScreen(others) ? others.map((x) => normalizeLabel(x)).filter((x) => x.includes('?') && !SAVE_PROMPT_RE.test(x)).map((x) => closeRe().exec(x)?.[2]).find(Boolean) : undefined);
      if (named) reasons.push(`"${t.text}" confirms "${named.toLowerCase()}" named on screen`);
    }
  }
  // A web page's own sign-in form ("Sign in to continue") is not a system dialog: its e-mail or user name field is
  // not a secret. A system or browser prompt (Windows Security, "requesting your username and password") keeps
  // every step high-risk, since it may be drawn by the page to harvest the account.
  const identity = a.kind === 'type' && r.targets.length > 0 && r.targets.every((t) => IDENTITY_FIELD_RE.test(normalizeLabel(t.text).trim()) && t.kind !== 'password') && !looksLikeSecret(a.text);
  const found = ctx.screenTexts && a.kind !== 'scroll' ? credentialDialogOnScreen(ctx.screenTexts) : undefined;
  const dialog = found && !(identity && /^sign in to continue$/i.test(found)) ? found : undefined;
  if (dialog) reasons.push(`a dialog on screen asks for credentials ("${dialog}")`);
  // By what the step does (classes/), and by where typed text came from (provenance.ts).
  // An Enter after a search runs the search; after a command the goal names, typed into a terminal, it runs that
  // command (judged when it was typed): neither confirms what the rest of the screen says.
  const runsTyped = Boolean(ctx.lastTyped && ((ctx.lastTyped.search && !ctx.lastTyped.terminal) || (ctx.lastTyped.terminal && goalSays(ctx.goal, ctx.lastTyped.text))));
  if (!goalSection) for (const why of classReasons(r, ctx.screenTexts ?? [], runsTyped)) if (!reasons.includes(why)) reasons.push(why);
  for (const why of outOfScopeReasons(a.kind, r.targets, a.kind === 'type' ? a.text : undefined, ctx.goal)) if (!reasons.includes(why)) reasons.push(why);
  const target = r.targets[0]?.text;
  reasons.push(...provenanceReasons(a.kind, a.kind === 'type' ? a.text : undefined, a.kind === 'press' ? a.keys : undefined, target, { goal: ctx.goal, screenTexts: ctx.screenTexts ?? [], lastTyped: ctx.lastTyped }));
  return { tier: reasons.length ? 'high' : 'normal', reasons };
}
