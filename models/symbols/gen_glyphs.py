"""
Renders the symbol classifier's training set: control-sized crops (a button's face with a glyph or icon on it)
normalised exactly as the app does (glyph_norm.py), in many fonts, sizes, weights, colours, with and without
anti-aliasing, with and without a drawn border, at small offsets. Icons are drawn as vector shapes (PIL's
ImageDraw at 4x, then reduced) in varied stroke widths.

Fonts come from --fonts DIR (MANIFEST.md lists the files and their licences). Fonts of the apps we evaluate on are
refused: any DejaVu file (fontconfig's default sans on Debian), Cantarell (GNOME's interface font: the eval's
frozen GNOME Calculator frames are drawn in it) and X core bitmap fonts (.pcf/.bdf, what xcalc and the Xaw apps
draw with).

  python3 gen_glyphs.py --fonts DIR --out train.npz --per-class 2400 --seed 1 [--workers 16]
  python3 gen_glyphs.py --parity OUT.json --fonts DIR   (inputs/outputs of glyph_norm for the TypeScript test)

Output: x uint8 [N,32,32] (ink 0..255), f float32 [N,3] (glyph_norm's features), y int64 [N] (class index in
classes.json order).
"""
import argparse
import base64
import json
import math
import os
import random
import sys
from multiprocessing import Pool

import numpy as np
from PIL import Image, ImageDraw, ImageFont

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from glyph_norm import normalise  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
CLASSES = json.load(open(os.path.join(HERE, 'classes.json'), encoding='utf-8'))['classes']

# Characters each symbol class is drawn from (in any font that has them); 'V:' entries are vector drawings.
SOURCES = {
    '+': ['+', 'V:plus'],
    '−': ['-', '−', '–', '‐', 'V:minus'],
    '×': ['×', '✕', '✖', '⨯', 'V:cross'],
    '÷': ['÷', 'V:divide'],
    '=': ['=', 'V:equals'],
    '*': ['*', '∗', '⁎'],
    '/': ['/', '∕'],
    '.': ['.', 'V:dot'],
    ',': [','],
    '%': ['%'],
    # '√+bar': the radical with its vinculum drawn apart to its upper right, as xcalc's Xaw label "√ ‾" looks.
    '√': ['√', '√', '√+bar', '√+bar', 'V:sqrtbar', 'V:sqrt'],
    'π': ['π'],
    '(': ['('], ')': [')'], '[': ['['], ']': [']'],
    '<': ['<', '‹', '❮', 'V:chevl'], '>': ['>', '›', '❯', 'V:chevr'],
    '^': ['^', 'ˆ', 'V:chevu'],
    '!': ['!'], '?': ['?'], '#': ['#'], '@': ['@'], '&': ['&'],
    '|': ['|', '│'],
    '~': ['~', '∼'],
    ':': [':'], ';': [';'],
    "'": ["'", '’'],
    '"': ['"', '“', '”'],
    '_': ['_'],
    '±': ['±'],
    '←': ['←', '⟵', 'V:arrowl'], '→': ['→', '⟶', 'V:arrowr'], '↑': ['↑', 'V:arrowu'], '↓': ['↓', 'V:arrowd'],
    '◀': ['◀', '◄', '⯇', 'V:tril'], '▶': ['▶', '►', '⯈', 'V:trir'], '▲': ['▲', '⯅', 'V:triu'], '▼': ['▼', '⯆', 'V:trid'],
    '☰': ['☰', '≡', 'V:burger'],
    '⚙': ['⚙', 'V:gear'],
    '⋮': ['⋮', 'V:kebab'],
    '⋯': ['⋯', '…', 'V:meatball'],
    '✓': ['✓', '✔', 'V:check'],
    '★': ['★', '☆', 'V:star'],
    '♥': ['♥', '♡', '❤', 'V:heart'],
    '🔍': ['V:magnifier', '⌕'],
    'x²': ['x²', 'V:xsquared'],
}
TEXT_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
TEXT_WORDS = ['1/x', 'x!', '+/-', 'y^x', 'CE/C', 'ln', 'log', 'sin', 'cos', 'tan', 'AC', 'EE', 'OK', 'No', 'C', 'e',
              'x', 'X', 'o', 'O', '0', '1', 'l', 'I', 'i', 'mod', 'Ans', 'MR', 'M+', 'M-', 'e^x', '10^x', 'x^y',
              'STO', 'RCL', 'DEG', 'Hex', '%x', 'a+b', '(x)', '7.5', '-1', 'v2']


def banned(path):
    low = os.path.basename(path).lower()
    return 'dejavu' in low or 'cantarell' in low or low.endswith(('.pcf', '.pcf.gz', '.bdf'))


def font_files(d):
    files = sorted(os.path.join(d, f) for f in os.listdir(d) if f.lower().endswith(('.ttf', '.otf')))
    bad = [f for f in files if banned(f)]
    if bad:
        raise SystemExit(f'refusing eval-app fonts in the training set: {bad}')
    return files


_cover = {}
# Symbol fonts map ASCII codes to other shapes (Symbol: 'a' is alpha; Dingbats: ')' is an envelope): only their
# Unicode symbols are used.
SYMBOL_FONTS = ('d050000l', 'standardsymbolsps')


def covers(path, ch):
    """True when the font draws every character of ch with its own glyph (not .notdef)."""
    return all(covers_char(path, c) for c in ch)


def covers_char(path, c):
    key = (path, c)
    if key not in _cover and os.path.basename(path).lower().startswith(SYMBOL_FONTS) and ord(c) < 0x80:
        _cover[key] = False
    if key not in _cover:
        f = ImageFont.truetype(path, 32)

        def mask(t):
            im = Image.new('L', (96, 64), 0)
            ImageDraw.Draw(im).text((8, 8), t, font=f, fill=255)
            return np.asarray(im).tobytes()
        _cover[key] = mask(c) not in (mask('\U0010FFFD'), bytes(96 * 64))
    return _cover[key]


# ---------- vector icons: drawn on a 4x canvas of side s4, ink = 255 ----------

def vec(name, s, r):
    """An L image (side ~s px) holding the icon, 4x supersampled then reduced. r: random.Random."""
    S = 4
    n = s * S
    im = Image.new('L', (n, n), 0)
    g = ImageDraw.Draw(im)
    sw = max(S, int(round(n * r.uniform(0.06, 0.16))))
    m = n * 0.12

    def line(pts, width=sw):
        g.line(pts, fill=255, width=width, joint='curve')
    if name == 'plus':
        line([(m, n / 2), (n - m, n / 2)]); line([(n / 2, m), (n / 2, n - m)])
    elif name == 'minus':
        line([(m, n / 2), (n - m, n / 2)])
    elif name == 'cross':
        k = n * r.uniform(0.15, 0.3)
        line([(k, k), (n - k, n - k)]); line([(k, n - k), (n - k, k)])
    elif name == 'divide':
        line([(m, n / 2), (n - m, n / 2)])
        rad = sw * 0.8
        for cy in (n * 0.22, n * 0.78):
            g.ellipse([n / 2 - rad, cy - rad, n / 2 + rad, cy + rad], fill=255)
    elif name == 'equals':
        gap = n * r.uniform(0.12, 0.22)
        line([(m, n / 2 - gap), (n - m, n / 2 - gap)]); line([(m, n / 2 + gap), (n - m, n / 2 + gap)])
    elif name == 'dot':
        rad = n * r.uniform(0.08, 0.16)
        g.ellipse([n / 2 - rad, n / 2 - rad, n / 2 + rad, n / 2 + rad], fill=255)
    elif name in ('sqrt', 'sqrtbar'):
        w = max(S, sw // 2)
        pts = [(n * 0.05, n * 0.55), (n * 0.2, n * 0.5), (n * 0.4, n * 0.92), (n * 0.62, n * 0.08)]
        if name == 'sqrtbar':
            pts.append((n * 0.98, n * 0.08))
        line(pts, w)
    elif name in ('chevl', 'chevr', 'chevu'):
        a, b = n * 0.3, n * 0.7
        if name == 'chevl':
            line([(b, m), (a, n / 2), (b, n - m)])
        elif name == 'chevr':
            line([(a, m), (b, n / 2), (a, n - m)])
        else:
            line([(m, b), (n / 2, a), (n - m, b)])
    elif name.startswith('arrow'):
        d = name[-1]
        pts = {'l': [(n - m, n / 2), (m, n / 2)], 'r': [(m, n / 2), (n - m, n / 2)],
               'u': [(n / 2, n - m), (n / 2, m)], 'd': [(n / 2, m), (n / 2, n - m)]}[d]
        line(pts)
        (x1, y1) = pts[1]
        hk = n * r.uniform(0.2, 0.32)
        if d in 'lr':
            sx = hk if d == 'l' else -hk
            line([(x1 + sx, y1 - hk), (x1, y1), (x1 + sx, y1 + hk)])
        else:
            sy = hk if d == 'u' else -hk
            line([(x1 - hk, y1 + sy), (x1, y1), (x1 + hk, y1 + sy)])
    elif name.startswith('tri'):
        d = name[-1]
        a, b = m, n - m
        pts = {'l': [(b, a), (a, n / 2), (b, b)], 'r': [(a, a), (b, n / 2), (a, b)],
               'u': [(a, b), (n / 2, a), (b, b)], 'd': [(a, a), (n / 2, b), (b, a)]}[d]
        if r.random() < 0.75:
            g.polygon(pts, fill=255)
        else:
            g.polygon(pts, outline=255, width=sw)
    elif name == 'burger':
        rounded = r.random() < 0.5
        for k in range(3):
            y = n * (0.22 + 0.28 * k)
            if rounded:
                g.rounded_rectangle([m, y - sw / 2, n - m, y + sw / 2], radius=sw / 2, fill=255)
            else:
                line([(m, y), (n - m, y)])
    elif name == 'gear':
        teeth = r.choice([6, 8, 8, 10])
        ro, ri = n * 0.46, n * 0.34
        pts = []
        for k in range(teeth * 4):
            ang = 2 * math.pi * k / (teeth * 4)
            rr = ro if (k % 4) in (0, 1) else ri
            pts.append((n / 2 + rr * math.cos(ang), n / 2 + rr * math.sin(ang)))
        g.polygon(pts, fill=255)
        hole = n * r.uniform(0.1, 0.18)
        g.ellipse([n / 2 - hole, n / 2 - hole, n / 2 + hole, n / 2 + hole], fill=0)
    elif name in ('kebab', 'meatball'):
        rad = n * r.uniform(0.07, 0.11)
        for k in range(3):
            p = n * (0.2 + 0.3 * k)
            cx, cy = (n / 2, p) if name == 'kebab' else (p, n / 2)
            g.ellipse([cx - rad, cy - rad, cx + rad, cy + rad], fill=255)
    elif name == 'check':
        line([(n * 0.1, n * 0.55), (n * 0.38, n * 0.82), (n * 0.9, n * 0.18)])
    elif name == 'star':
        pts = []
        for k in range(10):
            ang = -math.pi / 2 + math.pi * k / 5
            rr = n * 0.47 if k % 2 == 0 else n * 0.19
            pts.append((n / 2 + rr * math.cos(ang), n / 2 + rr * math.sin(ang)))
        if r.random() < 0.7:
            g.polygon(pts, fill=255)
        else:
            g.polygon(pts, outline=255, width=max(S, sw // 2))
    elif name == 'heart':
        rr = n * 0.24
        g.ellipse([n * 0.04, n * 0.12, n * 0.04 + 2 * rr, n * 0.12 + 2 * rr], fill=255)
        g.ellipse([n * 0.96 - 2 * rr, n * 0.12, n * 0.96, n * 0.12 + 2 * rr], fill=255)
        g.polygon([(n * 0.06, n * 0.42), (n * 0.94, n * 0.42), (n / 2, n * 0.92)], fill=255)
    elif name == 'magnifier':
        rad = n * r.uniform(0.26, 0.32)
        c = n * 0.4
        g.ellipse([c - rad, c - rad, c + rad, c + rad], outline=255, width=sw)
        k = c + rad * 0.7
        line([(k, k), (n * 0.92, n * 0.92)], int(sw * r.uniform(1, 1.6)))
    elif name == 'xsquared':
        fs = n * 0.6
        line([(n * 0.05, n * 0.35), (n * 0.55, n * 0.95)], max(S, sw // 2))
        line([(n * 0.05, n * 0.95), (n * 0.55, n * 0.35)], max(S, sw // 2))
        # a small "2" drawn as a polyline, raised
        w2 = max(S, sw // 3)
        line([(n * 0.66, n * 0.12), (n * 0.76, n * 0.04), (n * 0.88, n * 0.08), (n * 0.88, n * 0.18), (n * 0.66, n * 0.42), (n * 0.94, n * 0.42)], w2)
        del fs
    else:
        raise ValueError(name)
    return im.resize((s, s), Image.BOX)


# ---------- one sample ----------

def colours(r):
    """Background and ink RGB with enough contrast, either polarity."""
    while True:
        if r.random() < 0.6:
            b = r.randint(0, 255)
            bg = (b, b, b)
        else:
            bg = tuple(r.randint(0, 255) for _ in range(3))
        if r.random() < 0.7:
            f = r.choice([0, 0, 20, 40, 60, 255, 235, 200]) if r.random() < 0.6 else r.randint(0, 255)
            fg = (f, f, f)
        else:
            fg = tuple(r.randint(0, 255) for _ in range(3))
        if max(abs(a - b) for a, b in zip(bg, fg)) >= 90:
            return bg, fg


def glyph_layer(r, cls, fonts):
    """(L image of ink, line height, baseline y in that image) for a class, or None when no font fits."""
    if cls == 'text':
        s = r.choice(TEXT_WORDS) if r.random() < 0.4 else ''.join(r.choice(TEXT_CHARS) for _ in range(r.choice([1, 1, 2, 2, 3, 4])))
        src = s
    elif cls == 'none':
        return noise_layer(r)
    else:
        src = r.choice(SOURCES[cls])
    size = r.choice([8, 9, 10, 10, 11, 11, 12, 12, 13, 13, 14, 15, 16, 18, 20, 22, 24, 28, 32, 36])
    if src.startswith('V:'):
        s = max(6, int(size * r.uniform(0.55, 1.0)))
        im = vec(src[2:], s, r)
        if r.random() < 0.35:
            im = im.point(lambda v: 255 if v >= 128 else 0)
        lh = int(round(s * r.uniform(1.05, 1.5)))
        canvas = Image.new('L', (s + 4, lh), 0)
        canvas.paste(im, (2, (lh - s) // 2 + r.randint(-1, 1)))
        return canvas, lh
    bar = src == '√+bar'
    if bar:
        src = '√'
    cands = [f for f in fonts if covers(f, src)]
    if not cands:
        return None
    path = r.choice(cands)
    font = ImageFont.truetype(path, size)
    asc, desc = font.getmetrics()
    lh = asc + desc
    bb = font.getbbox(src, anchor='ls')
    w = max(1, bb[2] - bb[0]) + 6
    gap = r.randint(0, 3)
    bar_len = int(round(size * r.uniform(0.3, 1.2)))
    canvas = Image.new('L', (w + (gap + bar_len if bar else 0), lh + 4), 0)
    g = ImageDraw.Draw(canvas)
    g.fontmode = '1' if r.random() < 0.35 else 'L'
    stroke = 1 if (size >= 16 and r.random() < 0.15) else 0
    g.text((3 - bb[0], 2 + asc), src, font=font, fill=255, anchor='ls', stroke_width=stroke, stroke_fill=255)
    if bar:
        y = 2 + asc + bb[1] + r.randint(-1, 1)
        x = 3 + (bb[2] - bb[0]) + gap
        g.line([(x, y), (x + bar_len, y)], fill=255, width=max(1, round(size / 14)))
    return canvas, lh + 4


def noise_layer(r):
    """Things that are not a symbol: scribbles, boxes, blobs of several strokes."""
    s = r.randint(8, 30)
    n = s * 4
    im = Image.new('L', (n, n), 0)
    g = ImageDraw.Draw(im)
    kind = r.random()
    if kind < 0.4:
        pts = [(r.uniform(0, n), r.uniform(0, n)) for _ in range(r.randint(4, 7))]
        g.line(pts, fill=255, width=r.randint(3, 10))
    elif kind < 0.6:
        g.rectangle([n * 0.1, n * 0.1, n * 0.9, n * 0.9], outline=255, width=r.randint(3, 8))
    elif kind < 0.8:
        for _ in range(r.randint(5, 12)):
            x, y = r.uniform(0, n), r.uniform(0, n)
            rad = r.uniform(2, 8)
            g.ellipse([x - rad, y - rad, x + rad, y + rad], fill=255)
    else:
        for _ in range(r.randint(3, 6)):
            x, y = r.uniform(0, n), r.uniform(0, n)
            g.line([(x, y), (x + r.uniform(-n / 2, n / 2), y + r.uniform(-n / 2, n / 2))], fill=255, width=r.randint(3, 8))
    im = im.resize((s, s), Image.BOX)
    lh = int(s * r.uniform(1.0, 1.4))
    canvas = Image.new('L', (s + 4, lh), 0)
    canvas.paste(im, (2, (lh - s) // 2))
    return canvas, lh


def sample(r, cls, fonts):
    """One control crop (RGB uint8) with the class's glyph on it, or None."""
    got = glyph_layer(r, cls, fonts)
    if got is None:
        return None
    layer, lh = got
    lw = layer.width
    # The control: interior 1.1-2.8 line heights tall, 3-20 px of face left and right, 2 px for glyph_norm's inset.
    H = int(round(lh * r.uniform(1.0, 2.2))) + 10
    W = lw + 2 * r.randint(3, 20) + 4
    bg, fg = colours(r)
    crop = Image.new('RGB', (W, H), bg)
    g = ImageDraw.Draw(crop)
    # Border: none, a plain outline, a rounded outline, or a bevel, sometimes inside the inset region's edge.
    bk = r.random()
    bcol = fg if r.random() < 0.5 else tuple(max(0, min(255, c + r.randint(-120, 120))) for c in bg)
    at = r.choice([0, 0, 1, 2, 3])
    if bk < 0.35:
        g.rectangle([at, at, W - 1 - at, H - 1 - at], outline=bcol, width=r.choice([1, 1, 2]))
    elif bk < 0.55:
        g.rounded_rectangle([at, at, W - 1 - at, H - 1 - at], radius=r.randint(2, max(2, H // 2)), outline=bcol, width=1)
    elif bk < 0.65:
        g.line([(at, H - 1 - at), (W - 1 - at, H - 1 - at), (W - 1 - at, at)], fill=bcol, width=1)
    # Glyph position: centred with jitter.
    ox = (W - lw) // 2 + r.randint(-2, 2)
    oy = (H - layer.height) // 2 + r.randint(-2, 2)
    # Ink that reaches glyph_norm's edge band would be dropped as a wall, leaving part of the glyph under the
    # glyph's name (a radical's bar alone labelled "√"): such a sample is not drawn.
    ib = layer.getbbox()
    keep = 2 + 2 + 1  # INSET + EDGE + 1
    if ib is None or ox + ib[0] < keep or oy + ib[1] < keep or ox + ib[2] > W - keep or oy + ib[3] > H - keep:
        return None
    ink = Image.new('RGB', (lw, layer.height), fg)
    crop.paste(ink, (ox, oy), layer)
    a = np.asarray(crop, np.uint8)
    if r.random() < 0.2:
        # A soft vertical gradient on the face (GTK/Xaw3d buttons).
        grad = np.linspace(-r.uniform(0, 18), r.uniform(0, 18), H)[:, None, None]
        a = np.clip(a.astype(np.float32) + grad, 0, 255).astype(np.uint8)
    return a


def work(args):
    seed, classes, per, fonts = args
    r = random.Random(seed)
    xs, fs, ys = [], [], []
    for ci, cls in classes:
        got = 0
        tries = 0
        while got < per and tries < per * 6:
            tries += 1
            a = sample(r, cls, fonts)
            if a is None:
                continue
            n = normalise(a)
            if n is None:
                continue
            img, f = n
            xs.append(np.round(img * 255).astype(np.uint8))
            fs.append(f)
            ys.append(ci)
            got += 1
    return np.array(xs, np.uint8).reshape(-1, 32, 32), np.array(fs, np.float32).reshape(-1, 3), np.array(ys, np.int64)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--fonts', required=True)
    ap.add_argument('--out')
    ap.add_argument('--per-class', type=int, default=2400)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--workers', type=int, default=os.cpu_count() or 1)
    ap.add_argument('--parity', help='write glyph_norm inputs and outputs for the TypeScript test to this JSON file')
    a = ap.parse_args()
    fonts = font_files(a.fonts)
    if a.parity:
        r = random.Random(a.seed)
        cases = []
        while len(cases) < 4:
            cls = CLASSES[2 + len(cases) * 7 % (len(CLASSES) - 2)]
            rgb = sample(r, cls, fonts)
            if rgb is None:
                continue
            n = normalise(rgb)
            if n is None:
                continue
            cases.append({'class': cls, 'w': int(rgb.shape[1]), 'h': int(rgb.shape[0]),
                          'rgb_base64': base64.b64encode(rgb.tobytes()).decode(),
                          'img': [round(float(v), 4) for v in n[0].reshape(-1)], 'feats': [round(float(v), 5) for v in n[1]]})
        json.dump({'source': 'models/symbols/gen_glyphs.py --parity', 'cases': cases}, open(a.parity, 'w'))
        return
    # Work split by (class, chunk) so each worker's stream is seeded on its own: the same seed gives the same set.
    chunk = 200
    jobs = []
    for ci, cls in enumerate(CLASSES):
        per = a.per_class * (3 if cls == 'text' else 2 if cls == 'none' else 1)
        for k in range(0, per, chunk):
            jobs.append((a.seed * 1_000_003 + ci * 1009 + k, [(ci, cls)], min(chunk, per - k), fonts))
    with Pool(a.workers) as p:
        parts = p.map(work, jobs)
    x = np.concatenate([p[0] for p in parts])
    f = np.concatenate([p[1] for p in parts])
    y = np.concatenate([p[2] for p in parts])
    np.savez_compressed(a.out, x=x, f=f, y=y)
    counts = np.bincount(y, minlength=len(CLASSES))
    print(f'{len(y)} samples, {len(fonts)} fonts; per class min {counts.min()} ({CLASSES[int(counts.argmin())]}) max {counts.max()}')


if __name__ == '__main__':
    main()
