/**
 * AT-SPI2 names and numbers the reader needs (at-spi2-core's atspi-constants.h and its D-Bus interfaces).
 * The state numbers are bit positions in the two 32-bit words of Accessible.GetState / Cache.GetItems.
 */
export const REGISTRY = 'org.a11y.atspi.Registry';
export const ROOT_PATH = '/org/a11y/atspi/accessible/root';
export const REGISTRY_PATH = '/org/a11y/atspi/registry';
export const CACHE_PATH = '/org/a11y/atspi/cache';
export const NULL_PATH = '/org/a11y/atspi/null';
export const I = {
  accessible: 'org.a11y.atspi.Accessible',
  application: 'org.a11y.atspi.Application',
  component: 'org.a11y.atspi.Component',
  text: 'org.a11y.atspi.Text',
  cache: 'org.a11y.atspi.Cache',
  collection: 'org.a11y.atspi.Collection',
  registry: 'org.a11y.atspi.Registry',
} as const;

/**
 * AtspiRole numbers (Accessible.GetRole, Cache.GetItems) -> role names, in the enum's order (atspi-constants.h;
 * append-only, so fixed). The classic names are used ("push button", not the "button" that newer at-spi2-core
 * and GTK 4's GetRoleName say), so roles read the same whatever the toolkit; numbers past the table are asked
 * of GetRoleName.
 */
export const ROLE_NAMES: readonly string[] = [
  'invalid', 'accelerator label', 'alert', 'animation', 'arrow', 'calendar', 'canvas', 'check box',
  'check menu item', 'color chooser', 'column header', 'combo box', 'date editor', 'desktop icon', 'desktop frame',
  'dial', 'dialog', 'directory pane', 'drawing area', 'file chooser', 'filler', 'focus traversable', 'font chooser',
  'frame', 'glass pane', 'html container', 'icon', 'image', 'internal frame', 'label', 'layered pane', 'list',
  'list item', 'menu', 'menu bar', 'menu item', 'option pane', 'page tab', 'page tab list', 'panel', 'password text',
  'popup menu', 'progress bar', 'push button', 'radio button', 'radio menu item', 'root pane', 'row header',
  'scroll bar', 'scroll pane', 'separator', 'slider', 'spin button', 'split pane', 'status bar', 'table',
  'table cell', 'table column header', 'table row header', 'tearoff menu item', 'terminal', 'text', 'toggle button',
  'tool bar', 'tool tip', 'tree', 'tree table', 'unknown', 'viewport', 'window', 'extended', 'header', 'footer',
  'paragraph', 'ruler', 'application', 'autocomplete', 'editbar', 'embedded', 'entry', 'chart', 'caption',
  'document frame', 'heading', 'page', 'section', 'redundant object', 'form', 'link', 'input method window',
  'table row', 'tree item', 'document spreadsheet', 'document presentation', 'document text', 'document web',
  'document email', 'comment', 'list box', 'grouping', 'image map', 'notification', 'info bar', 'level bar',
  'title bar', 'block quote', 'audio', 'video', 'definition', 'article', 'landmark', 'log', 'marquee', 'math',
  'rating', 'timer', 'static', 'math fraction', 'math root', 'subscript', 'superscript', 'description list',
  'description term', 'description value', 'footnote', 'content deletion', 'content insertion', 'mark', 'suggestion',
  'push button menu', 'switch',
];

/** Component.GetExtents coordinate types. */
export const COORD_SCREEN = 0;
export const COORD_WINDOW = 1;

/** AtspiStateType: bit numbers across the two words (word = n >> 5, bit = n & 31). */
export const STATE = {
  active: 1,
  checked: 4,
  editable: 7,
  enabled: 8,
  focusable: 11,
  focused: 12,
  pressed: 20,
  sensitive: 24,
  showing: 25,
  visible: 30,
  managesDescendants: 31,
  checkable: 41,
} as const;

/** State names as StateChanged events spell them -> bit numbers (the states a node's marks use). */
export const STATE_BY_NAME: Readonly<Record<string, number>> = {
  active: STATE.active, checked: STATE.checked, editable: STATE.editable, enabled: STATE.enabled, focusable: STATE.focusable,
  focused: STATE.focused, pressed: STATE.pressed, sensitive: STATE.sensitive, showing: STATE.showing, visible: STATE.visible,
};

/** The state words with bit n set or cleared (a copy). */
export function withState(words: readonly number[], n: number, on: boolean): number[] {
  const w = [words[0] ?? 0, words[1] ?? 0];
  const bit = 2 ** (n & 31);
  const has = Math.floor(w[n >> 5]! / bit) % 2 === 1;
  if (has !== on) w[n >> 5] = w[n >> 5]! + (on ? bit : -bit);
  return w;
}

export function hasState(words: readonly number[], n: number): boolean {
  return ((words[n >> 5] ?? 0) >>> (n & 31)) % 2 === 1;
}

/** Roles that are marks whatever their name: things a person clicks, types into or selects. */
export const INTERACTIVE_ROLES = new Set([
  'push button', 'push button menu', 'toggle button', 'check box', 'radio button', 'combo box', 'switch',
  'menu', 'menu item', 'check menu item', 'radio menu item', 'tearoff menu item',
  'page tab', 'list item', 'tree item', 'table cell', 'table column header', 'table row header', 'column header', 'row header',
  'link', 'entry', 'text', 'password text', 'spin button', 'slider', 'dial', 'editbar', 'autocomplete',
  'icon', 'terminal', 'date editor', 'font chooser', 'color chooser',
]);
/** Roles that are marks only when they carry words (a name or text) or, for images, a name. */
export const TEXT_ROLES = new Set(['label', 'static', 'heading', 'paragraph', 'caption', 'status bar', 'title bar', 'tool tip', 'description term', 'description value', 'footnote', 'block quote', 'mark', 'content insertion', 'content deletion', 'notification', 'alert', 'info bar']);
export const IMAGE_ROLES = new Set(['image', 'animation']);
/** Roles whose text is read through the Text interface (never for 'password text': see PROTECTED_ROLES). */
export const READ_TEXT_ROLES = new Set(['label', 'static', 'heading', 'paragraph', 'caption', 'text', 'entry', 'spin button', 'status bar', 'combo box', 'block quote', 'description value', 'description term']);
/** A password or protected field: its text/value is never read, only its name. */
export const PROTECTED_ROLES = new Set(['password text']);
/** Big containers that stay out even when focusable (the page, the window, a scroll area). */
export const NEVER_MARK_ROLES = new Set(['application', 'page tab list', 'table', 'tree table', 'tree', 'list', 'list box', 'menu bar', 'tool bar', 'frame', 'window', 'dialog', 'document web', 'document frame', 'document text', 'document email', 'document spreadsheet', 'document presentation', 'scroll pane', 'viewport', 'internal frame', 'embedded', 'desktop frame', 'layered pane', 'root pane', 'redundant object', 'invalid', 'unknown']);
