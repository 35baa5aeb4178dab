import { z } from 'zod';

/** Kinds of UI element the parser reports. `text` = OCR text that is not known to be a control. */
export const ELEMENT_KINDS = ['text', 'button', 'field', 'checkbox', 'radio', 'slider', 'tab', 'icon', 'link', 'other'] as const;
export type ElementKind = (typeof ELEMENT_KINDS)[number];

const coord = z.number().finite();
export const ElementSchema = z.object({
  /** Mark id: 0..n-1 in the order the marks are drawn. */
  id: z.number().int().nonnegative(),
  kind: z.enum(ELEMENT_KINDS),
  /** [x1, y1, x2, y2] in image pixels of the frame it was found in. */
  bbox: z.tuple([coord, coord, coord, coord]),
  text: z.string(),
  interactive: z.boolean(),
  confidence: z.number().min(0).max(1),
  source: z.string(),
});
export type Element = z.infer<typeof ElementSchema>;
