"""
The crop normalisation shared by training and the app: a control's interior (RGB) -> a 32x32 ink map plus three
numbers about where the ink sits. electron/agent/perception/symbols.ts implements the same steps in TypeScript;
tests/fixtures/symbols/norm-parity.json (written by gen_glyphs.py --parity) holds inputs and outputs of this file
that the TypeScript test compares against, so the two cannot drift apart.

Steps (a change here must be made there too):
1. The region is the control's box shrunk by INSET px on every side (its wall stays out).
2. Background = the region's most common colour (exact RGB; on a tie the smallest 0xRRGGBB value).
3. Ink strength d = max over R, G, B of |pixel - background| (0..255): polarity and colour do not matter.
4. Ink pixels: d >= INK_T. 8-connected components of ink with a pixel within EDGE px of the region's edge (a
   bevel, an outline, a focus ring, a neighbour) are dropped. No component left: nothing to read.
5. Ink box = bounding box of the kept components. Features: ink height / region height, (ink centre y - region
   centre y) / region height, ln(ink width / ink height) clipped to [-3, 3].
6. Image: a square of side max(w, h) * 1.2 + 2 centred on the ink box, sampled to 32x32 by 4x4 bilinear samples
   per output pixel; values d / (max d of the kept ink), with pixels of dropped components and outside the region
   set to 0.
"""
import numpy as np

SIZE = 32
INSET = 2
INK_T = 48
EDGE = 2
SUB = 4


def components(mask):
    """8-connected labels of a small boolean mask (pure Python: crops are a few hundred pixels)."""
    h, w = mask.shape
    lab = np.zeros((h, w), np.int32)
    n = 0
    ys, xs = np.nonzero(mask)
    for y0, x0 in zip(ys.tolist(), xs.tolist()):
        if lab[y0, x0]:
            continue
        n += 1
        lab[y0, x0] = n
        stack = [(y0, x0)]
        while stack:
            y, x = stack.pop()
            for dy in (-1, 0, 1):
                for dx in (-1, 0, 1):
                    yy, xx = y + dy, x + dx
                    if 0 <= yy < h and 0 <= xx < w and mask[yy, xx] and not lab[yy, xx]:
                        lab[yy, xx] = n
                        stack.append((yy, xx))
    return lab, n


def normalise(rgb):
    """rgb: HxWx3 uint8 of the control box. Returns (img 32x32 float32 in 0..1, feats float32[3]) or None."""
    reg = rgb[INSET:rgb.shape[0] - INSET, INSET:rgb.shape[1] - INSET].astype(np.int32)
    h, w = reg.shape[:2]
    if h < 2 * EDGE + 1 or w < 2 * EDGE + 1:
        return None
    packed = (reg[:, :, 0] << 16) | (reg[:, :, 1] << 8) | reg[:, :, 2]
    vals, counts = np.unique(packed, return_counts=True)
    top = int(vals[int(np.argmax(counts))])  # unique() sorts, argmax takes the first: the smallest on a tie
    bg = np.array([top >> 16, (top >> 8) & 255, top & 255])
    d = np.abs(reg - bg[None, None, :]).max(axis=2)
    lab, n = components(d >= INK_T)
    if n == 0:
        return None
    band = np.concatenate([lab[:EDGE, :].ravel(), lab[h - EDGE:, :].ravel(), lab[:, :EDGE].ravel(), lab[:, w - EDGE:].ravel()])
    edge = set(np.unique(band).tolist())
    keep = np.zeros(n + 1, bool)
    for k in range(1, n + 1):
        keep[k] = k not in edge
    kept = keep[lab]
    if not kept.any():
        return None
    ys, xs = np.nonzero(kept)
    y0, y1, x0, x1 = ys.min(), ys.max() + 1, xs.min(), xs.max() + 1
    iw, ih = x1 - x0, y1 - y0
    dmax = float(d[kept].max())
    val = d.astype(np.float32) / dmax
    val[(lab > 0) & ~kept] = 0
    val = np.minimum(val, 1.0)
    side = max(iw, ih) * 1.2 + 2
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    # Sample positions (pixel centres at +0.5) of a SIZE*SUB grid over the square.
    t = (np.arange(SIZE * SUB, dtype=np.float64) + 0.5) / (SIZE * SUB)
    sx = cx - side / 2 + t * side - 0.5
    sy = cy - side / 2 + t * side - 0.5
    out = bilinear(val, sy, sx).reshape(SIZE, SUB, SIZE, SUB).mean(axis=(1, 3)).astype(np.float32)
    feats = np.array([ih / h, ((y0 + y1) / 2 - h / 2) / h, np.clip(np.log(iw / ih), -3, 3)], np.float32)
    return out, feats


def bilinear(img, sy, sx):
    """Bilinear samples of img at every (sy[i], sx[j]) (pixel i's centre at i); pixels outside count as 0."""
    h, w = img.shape
    pad = np.zeros((h + 2, w + 2), np.float32)
    pad[1:-1, 1:-1] = img
    fy = np.floor(sy)
    fx = np.floor(sx)
    ay = (sy - fy)[:, None]
    ax = (sx - fx)[None, :]
    # +1 for the zero border; indices beyond it are clipped onto it (zeros).
    iy = np.clip(fy.astype(np.int64) + 1, 0, h + 1)
    iy1 = np.clip(fy.astype(np.int64) + 2, 0, h + 1)
    ix = np.clip(fx.astype(np.int64) + 1, 0, w + 1)
    ix1 = np.clip(fx.astype(np.int64) + 2, 0, w + 1)
    a = pad[iy[:, None], ix[None, :]]
    b = pad[iy[:, None], ix1[None, :]]
    c = pad[iy1[:, None], ix[None, :]]
    e = pad[iy1[:, None], ix1[None, :]]
    return (a * (1 - ax) + b * ax) * (1 - ay) + (c * (1 - ax) + e * ax) * ay
