/**
 * What an accessibility tree says about the screen (AT-SPI2 on Linux, UI Automation on Windows): one node per
 * element the toolkit exposes, in the same shape whatever the platform. Read by an adapter
 * (electron/adapters/atspi/, native/ for Windows), fused with the vision parser's elements by the perception
 * stage electron/agent/perception/stages/tree.ts.
 *
 * Coordinates: `screen` is in logical screen px (the desktop's coordinates, the space the input driver moves in),
 * already corrected for toolkits that report window-relative extents (GTK 4 on X11). The loop maps it into image
 * px of the frame through geometry.ts (toImage), the one coordinate pipeline, before fusion.
 * Privacy invariant: a password or protected field never carries its text or value, only its name.
 */
import { z } from 'zod';

export const A11yStatesSchema = z.strictObject({
  /** Not greyed out: a disabled control is kept (it is on screen) but not interactive. */
  enabled: z.boolean(),
  focused: z.boolean(),
  /** Check box, toggle or radio state; absent where the node cannot be checked. */
  checked: z.boolean().optional(),
  /** Takes typed text (an entry, a text area, a combo box's entry). */
  editable: z.boolean(),
  /** The toolkit says it is drawn (SHOWING); GTK 4 never sets it, so fusion checks the pixels instead. */
  showing: z.boolean(),
  /** A password or other protected field: its text is never read. */
  protected: z.boolean(),
});
export type A11yStates = z.infer<typeof A11yStatesSchema>;

const finite = z.number().finite();
export const A11yNodeSchema = z.strictObject({
  /** The toolkit's role, lower case, as AT-SPI names it: "push button", "check box", "text", "link", "menu item". */
  role: z.string(),
  /** Accessible name ('' when none). A name the pixels do not show (aria-label, tooltip) is still a name. */
  name: z.string(),
  /** Visible text content of a label or a non-protected text field, when the toolkit gives it; never for protected. */
  text: z.string().optional(),
  description: z.string().optional(),
  states: A11yStatesSchema,
  /** [x1, y1, x2, y2] in logical screen px (see the block comment). */
  screen: z.tuple([finite, finite, finite, finite]),
  /** The application the node belongs to ("gnome-calculator", "Chromium"). */
  app: z.string(),
});
export type A11yNode = z.infer<typeof A11yNodeSchema>;

/** One read of the tree for one frame. */
export interface A11yRead {
  readonly nodes: readonly A11yNode[];
  /** The focused window's application, when one was found. */
  readonly app?: string;
  /** Milliseconds the read took (for the timings and docs/BENCHMARKS.md). */
  readonly ms: number;
  /**
   * Why the tree is empty or partial, in words for the person ("Chromium exposes no tree: start it with
   * --force-renderer-accessibility"); absent when the read was complete.
   */
  readonly note?: string;
}

/** Where a mark came from, shown in the approval prompt: the tree, the parser, or both agreeing. */
export const ELEMENT_SOURCES = ['vision', 'a11y', 'a11y+vision'] as const;
export type ElementSource = (typeof ELEMENT_SOURCES)[number];
