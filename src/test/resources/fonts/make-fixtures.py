#!/usr/bin/python3
"""Make the small font files the font tests use (fonts that handout must refuse).

Needs: apt-get install fonts-noto-cjk python3-fonttools
Run:   cd src/test/resources/fonts && /usr/bin/python3 make-fixtures.py
"""
from fontTools.ttLib import TTCollection, TTFont
from fontTools import subset

TEXT = "中文AaBb1"


def cut(font, text):
    options = subset.Options()
    options.layout_features = []        # no GSUB/GPOS: a few glyphs need none
    options.name_IDs = [1, 2, 3, 4, 6]  # family, style, unique id, full and PostScript names
    options.notdef_outline = True
    options.hinting = False
    s = subset.Subsetter(options)
    s.populate(text=text)
    s.subset(font)
    return font


# One face of Noto Sans CJK as Debian ships it: CFF outlines ('OTTO').
sc = TTCollection("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc").fonts[2]
cut(sc, TEXT).save("NotoSansSC-cff.otf")

# Two TrueType faces of the project's Noto Sans in one collection ('ttcf').
collection = TTCollection()
collection.fonts = [cut(TTFont("../../../../fonts/NotoSans-Regular.ttf"), "AaBb1"),
                    cut(TTFont("../../../../fonts/NotoSans-Bold.ttf"), "AaBb1")]
collection.save("NotoSans-two-faces.ttc")
