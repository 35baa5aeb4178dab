/**
 * One form of text for the risk classes to match on, so that an attack screen cannot dodge a vocabulary with
 * look-alike letters, invisible characters, accents or spacing:
 * 1. Unicode NFKC (full-width "ＰＡＹ", ligatures, math letters);
 * 2. zero-width, bidi and variation-selector characters removed ("Pay\u200bnow", "\u202eyap");
 * 3. confusables, before case folding since a capital says more (Greek Ν looks like N, its small ν like v):
 *    Cyrillic, Greek, Armenian, Cherokee and Latin-extended letters that look like Latin ones are replaced by
 *    those Latin letters, from Unicode's confusables.txt as packaged by `unhomoglyph` (nodeca).
 *    Only those scripts are folded: CJK, kana and Hangul stay as written (confusables.txt maps 一 to ー and カ to
 *    力, which would break Chinese and Japanese vocabularies), and so does ASCII (it maps m to rn);
 * 4. case folded (lower case, ß -> ss, final sigma);
 * 5. diacritics removed (é -> e, ü -> u, ñ -> n): the vocabularies are folded the same way, so nothing is lost in
 *    matching, and "Loschen" or "Supprimé" without accents still match; Japanese dakuten (U+3099/309A) are kept;
 * 6. letters spaced apart joined ("D E L E T E", "d.e.l.e.t.e") and runs of white space collapsed.
 * Invariant: foldText(foldText(x)) === foldText(x), and a vocabulary entry folded with foldVocab matches its own
 * folded text.
 */
import unhomoglyph from 'unhomoglyph';

const INVISIBLE_RE = /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufe00-\ufe0f\u{e0000}-\u{e007f}]/gu;
/** Scripts whose letters confusables.txt folds to Latin here (see 3. above). */
const FOLDABLE_RE = /[\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Armenian}\p{Script=Cherokee}\p{Script=Latin}\p{Script=Common}]/u;
const folded = new Map<string, string>();
/** Small capitals, which read as Latin letters but which confusables.txt does not list as look-alikes of them. */
const SMALL_CAPS: Record<string, string> = Object.fromEntries([...'ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘꞯʀꜱᴛᴜᴠᴡʏᴢ'].map((c, i) => [c, 'abcdefghijklmnopqrstuvwyz'[i]!]));

/** One character to the Latin letters it looks like, or itself. */
function foldChar(c: string): string {
  if (c.charCodeAt(0) < 0x80 || !FOLDABLE_RE.test(c)) return c;
  let f = folded.get(c) ?? SMALL_CAPS[c];
  if (f !== undefined) return f;
  f = c;
  // Some small letters have no Latin look-alike while their capital has (ε, Ε -> E): try both.
  for (const start of [c, c.toUpperCase()]) {
    let t = start;
    // Some skeletons are not Latin at first (т -> ᴛ): map again until the text stops changing.
    for (let i = 0; i < 3; i++) {
      const next = unhomoglyph(t).normalize('NFKC');
      if (next === t) break;
      t = next;
    }
    t = t.normalize('NFD').replace(/[\u0300-\u036f\u0338]/g, '').toLowerCase();
    if (/^[a-z]{1,3}$/.test(t)) {
      f = t;
      break;
    }
  }
  folded.set(c, f);
  return f;
}

/** The folded form of a screen text, a label or typed text (see the block comment above). */
export function foldText(text: string): string {
  let t = text.normalize('NFKC').replace(INVISIBLE_RE, '');
  // Look-alikes before lower-casing: the capital says more (Greek Ν looks like N, its small ν like v).
  t = Array.from(t, foldChar).join('');
  t = t.toLowerCase().replace(/ß|ẞ/g, 'ss').replace(/ς/g, 'σ');
  t = t.normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC');
  // "D E L E T E" / "d-e-l-e-t-e": three or more single letters separated by one space, dot, dash or underscore.
  t = t.replace(/(?<![\p{L}])\p{L}(?:[ ._\-·•]\p{L}){2,}(?![\p{L}])/gu, (m) => m.replace(/[ ._\-·•]/g, ''));
  return t.replace(/\s+/g, ' ').trim();
}

/**
 * A vocabulary entry (a regular-expression source written in lower case) in the same folded form: only its
 * non-ASCII letters are folded, so escapes such as \s or \p{L} are left alone.
 */
export function foldVocab(source: string): string {
  return source.replace(/[^\x00-\x7f]+/g, (m) => foldText(m));
}

const CJK_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/**
 * One regular expression for a list of vocabulary entries: whole words for alphabetic scripts (an entry may end
 * in \p{L}* to take every ending of a stem: "delet\p{L}*"), substrings for Chinese and Japanese, which have no
 * spaces between words. A space between two words of an entry matches any white space or none ("pay now", "paynow");
 * other spaces (before a group) need at least one.
 */
export function vocabRe(entries: readonly string[]): RegExp | undefined {
  if (!entries.length) return undefined;
  // "smart ?screen": an optional space is any white space or none (it was read as "one or more spaces" before).
  const parts = [...new Set(entries.map((e) => foldVocab(e).replace(/ \?/g, '\\s*').replace(/ (?=\p{L})/gu, '\\s*').replace(/ /g, '\\s+')))].map((e) => (CJK_RE.test(e) ? `(?:${e})` : `(?<![\\p{L}\\p{N}])(?:${e})(?![\\p{L}\\p{N}])`));
  return new RegExp(parts.join('|'), 'u');
}
