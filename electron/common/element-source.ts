/**
 * Where a mark came from, in words for the approval prompt (issue #15): the accessibility tree, the screen parser
 * (vision), or both agreeing. Vision elements keep saying what made them ('ocr', 'ocr+widget', 'detector'...) when
 * no tree was read, so every source that is not the tree's is the screen parser's.
 */
import type { ElementSource } from './a11y.js';

export function elementSource(source: string | undefined): ElementSource {
  return source === 'a11y' || source === 'a11y+vision' ? source : 'vision';
}

const WORDS: Record<ElementSource, string> = { vision: 'screen parser', a11y: 'accessibility tree', 'a11y+vision': 'accessibility tree and screen parser' };

/**
 * The parenthesis after a mark's label: `(screen parser)`, `(accessibility tree)`, `(accessibility tree and screen
 * parser)`; where the tree's name is not what the pixels show (`shown`), it says what they show instead, or that
 * the screen parser read no text there (an icon, or a name only the tree knows).
 */
export function sourceNote(source: string | undefined, shown?: string): string {
  const s = elementSource(source);
  if (s !== 'vision' && shown !== undefined) {
    return shown ? `(accessibility tree; the screen shows ${JSON.stringify(shown)})` : '(accessibility tree; the screen parser read no text there)';
  }
  return `(${WORDS[s]})`;
}
