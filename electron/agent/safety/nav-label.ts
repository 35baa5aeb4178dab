/**
 * Labels that name a place, a record or a view rather than an act: a list row with data in it ("Girokonto DE12 ••••
 * 4711", "Order placed 25 November · £34.99"), a facet or filter with its value ("Type: PDFs", "期間：2026年"), a
 * cookie-banner choice, a single noun ("Abwesenheiten", "Opérations", "Cards"). Goal scope (goal-scope.ts) lets a
 * click on such a label pass under a goal that only asks to look.
 *
 * Why a separate, weaker test than movesOnly: movesOnly also exempts a label from the risk classes (class-risk.ts),
 * so it must never say yes to a label that could name an act. These shapes can ("Auszahlung · 900 €" is a row and a
 * payout), so they only switch goal scope off; the classes still judge every one of them.
 * Why shapes and not more words: a development set of real navigation steps in six languages (about 1000 steps,
 * written without reading these rules) raised goal scope on a quarter of them with words alone, and the misses were
 * list rows, filters, tabs and section nouns that no word list can hold.
 * Invariant: pure; reads the label only.
 */
import { foldText } from './fold-text.js';

/** Separators of a list row drawn as one control. */
const ROW_SPLIT_RE = /\s[·|•—–-]\s|\s*[·•｜]\s*/u;
/** A piece of data: a number, a date, an amount, masked digits, a time, an address, a file or host name. */
const DATA_RE = /\d|•{2,}|\*{3,}|…|@|\.[a-z]{2,4}(?:\s|$)/u;
/** A document's file name or path (not a program: opening one of those is the run-code class's to judge). */
const DOCUMENT_RE = /^[\p{L}\p{N}_\-./]+\.(?:pdf|docx?|odt|xlsx?|ods|pptx?|txt|md|csv|png|jpe?g|gif|ts|tsx|js|py|json|html?|css|ya?ml|log)(?:\s+\d+)?$/u;
/** Only a date or a period ("2026年", "Derniers 3 mois", "Budget 2026" is not). */
const PERIOD_RE = /^(?:\d{4}年?|\d{1,2}月|\d{4}年\d{1,2}月分?|(?:last|letzte[nrs]?|derniers?|dernieres?|ultimos?|ultimas?) \d+ (?:days|months|tage|monate|jours|mois|dias|meses))$/u;
/** CJK noun phrases ending in a record, list, detail, setting or place noun ("交易明细", "終端設備", "明細照会"). */
const CJK_NOUN_RE = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー\p{L}\p{N} ]{0,12}(?:记录|紀錄|明细|信息|详情|设置|设备|服务|空间|规格|订单|资产|列表|中心|照会|仕様|情報|一覧|履歴|明細|状況|設定|資産|残高|日数|宗卷|ボリューム|空き容量|记录)$/u;
/** A facet or filter with its value: a short head, a colon (folded from full width), the value ("Filter: Last 90 days",
 * "通貨：BTC"); not a drive or path ("Exclude C:\\ from all scans"). */
const FACET_RE = /^([^:]{1,24}?)\s*:(?![\\/])\s*(\S.*)$/u;
/** A cookie or consent banner's choice: not in any class of harm, whatever it answers. */
const CONSENT_RE = /cookie|nur (?:die )?notwendige|nur erforderliche|continuer sans accepter|solo (?:las )?(?:cookies )?(?:tecnicas|necesarias)|continuar sin aceptar|仅(?:限)?必要|必要的?(?:cookie)?|必須のみ/u;
/** Single words that are nouns by their ending, per language (verbs on buttons are infinitives or bare stems). */
const NOUN_WORD_RE = new RegExp([
  // English plurals and noun suffixes ("Cards", "Checks", "Protection", "Settings"); not -ss/-us/-is ("Access").
  '^[a-z]+(?<!ss|us|is)s$|^[a-z]+(?:tion|sion|ment|ness|ity|ance|ence|ship|ings?|ory|ary|ure|ware)$',
  // German nouns: no infinitive ending (-en/-ern/-eln), or a plural noun ending ("Abwesenheiten", "Verbindungen").
  '^[a-zß]+(?:ungen|heiten|keiten|schaften|ionen|taten|nisse)$',
  // French and Spanish plurals and noun suffixes ("Opérations", "Absences", "Movimientos", "Habitaciones").
  '^[a-z]+(?:ions|ences|ances|ments|ites|ades|ados|idos|entos|iones|enes|ajes)$',
].join('|'), 'u');

/** A record, history or how-to of an act: a short label ending in such a noun ("转账记录"; not "清空聊天记录", clear the
 * chat history, whose verb and object come before the noun). */
const RECORD_OF_RE = /^(?:\p{Script=Han}{1,3}|[\p{Script=Katakana}ー]{2,8})(?:记录|紀錄|明细|说明|历史|履歴|明細|手順|一覧|ログ)$|^\S+(?: \S+)? (?:history|log|records|instructions|verlauf|protokoll|historique|historial|registro)$|^(?:historique|historial|registro) (?:des |de |del )?\S+$/u;

export function recordOfAct(label: string): boolean {
  return RECORD_OF_RE.test(foldText(label).trim());
}

/** Words of a switch or its state, and answer words (folded). */
const SWITCH_RE = /(?:^|[\s:：—–-])(?:switch|toggle|on|off|umschalten|ein|aus|an|activer|basculer|active|desactive|activar|alternar|activado|desactivado|yes|oui|si|ja|ok|okay)(?=$|[\s:：—–-])|开关|切换|开启|关闭|オン|オフ|切り替え|^(?:是|はい|确定|確定)$/u;

/** The label split into row pieces, when it is a row with data in it. */
function rowWithData(l: string): string[] | undefined {
  const parts = l.split(ROW_SPLIT_RE).map((p) => p.trim()).filter(Boolean);
  return parts.length >= 2 && parts.some((p) => DATA_RE.test(p)) ? parts : undefined;
}

/** A row of a list drawn as one control ("Facture du 12/11/2026 · 84,70 €", "Livret A · 8 412,50 €"): two or more pieces. */
export function listRow(label: string): boolean {
  return foldText(label).split(ROW_SPLIT_RE).filter((p) => p.trim()).length >= 2;
}

const AMOUNT_RE = /[$€£¥￥]\s?[+-]?\d|\d[\d,.\s]*\s?(?:€|£|¥|円|元|usd|eur|gbp)/u;
const AMOUNT_PIECE_RE = /^(?:[^\p{L}]*|[^\p{L}]*(?:usd|eur|gbp|chf|jpy|cny)[^\p{L}]*)$/u;
/**
 * A row whose amount stands as a piece of its own ("Livret A · 8 412,50 €", "11月账单 · ¥186.40"): the amount is
 * what the item cost or holds. Not "Suscribirme por 59 €/año · pago con un clic", where the amount is in a phrase.
 */
export function pricedRow(label: string): boolean {
  const parts = foldText(label).split(ROW_SPLIT_RE).map((p) => p.trim()).filter(Boolean);
  return parts.length >= 2 && parts.filter((p) => AMOUNT_RE.test(p)).every((p) => AMOUNT_PIECE_RE.test(p) || /\d{1,2}[./-]\d{1,2}|\d{4}|\d\s?月/u.test(p));
}

/**
 * Whether the label names a place, a record or a view (see the file comment). `acts` says whether a piece of text
 * holds a word that acts (goal-scope's act vocabulary); `moves` whether a piece moves around (its moving words).
 * `lang` is unknown here; the word endings are tried for every alphabetic language at once.
 */
export function navigationShape(label: string, acts: (s: string) => boolean, moves: (s: string) => boolean): boolean {
  const l = foldText(label).replace(/[…\u2026]+$/u, '').trim();
  if (!l) return false;
  const words = l.split(/\s+/u);
  // An amount inside a phrase ("Subscribe for 59 €/year · one click") is an offer, not a row's price.
  if (AMOUNT_RE.test(l) && !pricedRow(label)) return false;
  // A switch names a state it flips ("Paketfilter: Ein — umschalten", "Tamper protection — switch"); an answer
  // word says yes to whatever is asked: neither is a place.
  if (SWITCH_RE.test(l)) return false;
  if (CONSENT_RE.test(l) || PERIOD_RE.test(l) || (DOCUMENT_RE.test(l) && !acts(l))) return true;
  // A facet names its value; a one-word head is a noun even where it reads like a verb ("Type: PDFs", "Sort:
  // Modified"), a longer one that acts does not ("タスクを実行: postinstall").
  const facet = FACET_RE.exec(l);
  const head = facet?.[1]!.trim();
  if (facet && head!.split(/\s+/u).length <= 3 && !acts(facet[2]!) && (!acts(head!) || /^[a-z]+$/u.test(head!)) && !/を|して|する/u.test(head!)) return true;
  // A card or account by its last digits, an issue or pull request by its number, a record of a year or month
  // ("Visa Debit ending 3392", "Fix date parsing #412", "Bescheiddaten Einkommensteuer 2025"): opening it shows it.
  if (/(?:ending(?: in)?|endet auf|se terminant par|terminada en|尾号|末尾)\s*\d{3,4}$|\s#\d+$|^#\d+\s/u.test(l)) return true;
  // Expanding or refreshing a view ("Expand step: Run tests", "Run npm test を展開", "Aktualisieren").
  if (/^(?:expand|collapse|deplier|replier|aufklappen|einklappen|desplegar|expandir|展开|收起)(?:\s|:|$)|を展開$|^(?:refresh|aktualisieren|actualiser|actualizar|刷新|再読み込み)$/u.test(l)) return true;
  if (acts(l)) {
    // A row's title may hold a verb ("Fix date parsing in export #412"): a row with an identifier or data still opens the item.
    const parts = rowWithData(l);
    return Boolean(parts && parts.length >= 2 && /#\d+|\d{1,2}[./-]\d{1,2}|\d{4}/u.test(l) && !parts.every((p) => acts(p)));
  }
  // A row of a list (a chat, a terminal tab, an account): opening it shows the item.
  if (listRow(l)) return true;
  if (CJK_NOUN_RE.test(l)) return true;
  // A version ("v3.2", "2.14.0"): a release to look at.
  if (/^v?\d+(?:\.\d+){1,3}$/u.test(l)) return true;
  // A rating filter ("★1のみ", "4 stars & up") or a numbered part ("Abbildung 1", "Figure 2", "图 3").
  if (/^[★☆]|^\d (?:stars?|sterne|etoiles|estrellas)\b|^\p{L}{1,12} \d{1,3}$|^[\p{Script=Han}]{1,3} ?\d{1,3}$/u.test(l)) return true;
  // A record named with its period ("Brutto/Netto-Abrechnung November 2026", "Budget 2026").
  if (words.length <= 5 && /(?:\s|^)(?:\p{L}+ )?(?:19|20)\d{2}$/u.test(l)) return true;
  // A drop-down or filter box named with a hint in brackets ("Month (drop-down)", "Filter (e.g. text)").
  const bare = l.replace(/\s*\([^)]*\)\s*/gu, ' ').trim();
  if (bare && bare !== l && /^[a-z ]+$/u.test(bare) && bare.split(/\s+/u).length <= 2 && !acts(bare) && !/unsafe|not recommended|dangerous|insecure/u.test(l)) return true;
  if (words.length === 1 && !/[^\p{Script=Latin}]/u.test(l)) {
    if (NOUN_WORD_RE.test(l)) return true;
  }
  // Two or three words that each move or are nouns ("All Volumes", "Tous les volumes", "Time off" is not).
  if (words.length >= 2 && words.length <= 3 && words.every((w) => moves(w) || NOUN_WORD_RE.test(w) || /^(?:all|alle|tous|toutes|les|todos|todas|los|las|my|mes|mis|meine)$/u.test(w))) return true;
  return false;
}
