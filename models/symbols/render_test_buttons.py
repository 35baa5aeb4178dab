"""
Renders the symbol classifier's TEST sheet: buttons drawn in DejaVu (fonts-dejavu-core), a font family kept OUT of
training on purpose (gen_glyphs.py refuses it), so the test sees glyph shapes the model never saw.

  python3 render_test_buttons.py OUT.png OUT.json

Each button: a 1 px outline, a light face, one label centred in it, at three sizes (12, 15, 20 px) and two fonts
(DejaVu Sans, DejaVu Sans Mono). OUT.json lists [x1, y1, x2, y2) and the expected class per button.
"""
import json
import sys

from PIL import Image, ImageDraw, ImageFont

FONTS = ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf']
# (what is drawn, the class expected): symbols a calculator or toolbar shows, and text the classifier must leave to OCR.
LABELS = [('+', '+'), ('−', '−'), ('-', '−'), ('×', '×'), ('÷', '÷'), ('=', '='), ('*', '*'), ('/', '/'), ('.', '.'),
          ('%', '%'), ('√', '√'), ('π', 'π'), ('(', '('), (')', ')'), ('±', '±'), ('←', '←'), ('→', '→'),
          ('▶', '▶'), ('☰', '☰'), ('✓', '✓'), ('★', '★'), ('x²', 'x²'), ('?', '?'), ('!', '!'), ('#', '#'),
          ('7', 'text'), ('AC', 'text'), ('ln', 'text'), ('sin', 'text'), ('M+', 'text')]
SIZES = [12, 15, 20]


def main():
    out_png, out_json = sys.argv[1], sys.argv[2]
    bw, bh, gap = 56, 38, 6
    rows = [(f, s) for f in FONTS for s in SIZES]
    W = gap + len(LABELS) * (bw + gap)
    H = gap + len(rows) * (bh + gap)
    im = Image.new('RGB', (W, H), (236, 236, 236))
    g = ImageDraw.Draw(im)
    buttons = []
    for ri, (path, size) in enumerate(rows):
        font = ImageFont.truetype(path, size)
        for ci, (text, cls) in enumerate(LABELS):
            if 'Mono' in path and text == '☰':
                continue  # DejaVu Sans Mono has no ☰ (it would draw a .notdef box)
            x0, y0 = gap + ci * (bw + gap), gap + ri * (bh + gap)
            g.rectangle([x0, y0, x0 + bw - 1, y0 + bh - 1], fill=(250, 250, 250), outline=(140, 140, 140))
            g.text((x0 + bw / 2, y0 + bh / 2), text, font=font, fill=(30, 30, 30), anchor='mm')
            buttons.append({'box': [x0, y0, x0 + bw, y0 + bh], 'drawn': text, 'expect': cls,
                            'font': path.rsplit('/', 1)[1], 'size': size})
    im.save(out_png)
    json.dump({'source': 'models/symbols/render_test_buttons.py (DejaVu: not in the training fonts)', 'buttons': buttons},
              open(out_json, 'w'), ensure_ascii=False, indent=0)


if __name__ == '__main__':
    main()
