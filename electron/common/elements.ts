import { z } from 'zod';

/** Kinds of UI element the parser reports. `text` = OCR text that is not known to be a control. */
export const ELEMENT_KINDS = ['text', 'button', 'field', 'checkbox', 'radio', 'slider', 'tab', 'icon', 'link', 'other'] as const;
export type ElementKind = (typeof ELEMENT_KINDS)[number];

const coord = z.number().finite();
export const ElementSchema = z.object({
  /** Mark id: 0..n-1 in the order the marks are drawn on the model's image (MAGMA's numbering, every frame). */
  id: z.number().int().nonnegative(),
  /**
   * The person's number, set by the run (agent/loop/mark-numbers.ts): stable while the element stays on screen,
   * never reused in the run. Shown in the overlay and approval view, typed as `click #n`, carried by actions and
   * events. Absent outside a run (a plain parse), where the person's number is the id.
   */
  mark: z.number().int().nonnegative().optional(),
  kind: z.enum(ELEMENT_KINDS),
  /** [x1, y1, x2, y2] in image pixels of the frame it was found in. */
  bbox: z.tuple([coord, coord, coord, coord]),
  text: z.string(),
  /**
   * What the pixels show for this element, set only where its name (`text`) came from elsewhere and says something
   * else: an accessible name, aria-label or tooltip from the accessibility tree over a button that shows "Pay
   * ¥39,800". The risk policy judges both, so a harmless name cannot hide what the person would see.
   */
  shown: z.string().optional(),
  /**
   * Where a control's own content (label glyphs, icon) is drawn inside its box, image px, set by the run
   * (agent/perception/ink-box.ts): the people's mark labels stay off it. A text element's box is its ink.
   */
  ink: z.tuple([coord, coord, coord, coord]).optional(),
  interactive: z.boolean(),
  confidence: z.number().min(0).max(1),
  source: z.string(),
});
export type Element = z.infer<typeof ElementSchema>;
