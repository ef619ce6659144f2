#!/usr/bin/python3
"""Remove TrueType hinting from the Noto faces in fonts/, keeping every glyph, character and
OpenType layout feature.

Why: hinting (the fpgm, prep and cvt tables and each glyph's instructions) only adjusts outlines
to the pixel grid of a screen at small sizes; print and modern PDF viewers do not need it, and it
is about a third of each embedded subset. Without it every leaflet stays within its size budget.

Needs: apt-get install python3-fonttools
Run:   cd fonts && /usr/bin/python3 tools/dehint.py FILE.ttf...   (rewrites each file in place)
"""
import sys
from fontTools.ttLib import TTFont
from fontTools import subset


def dehint(path):
    font = TTFont(path)
    options = subset.Options()
    options.glyph_names = True
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.retain_gids = True
    options.hinting = False
    options.legacy_kern = True
    options.drop_tables = []
    sub = subset.Subsetter(options)
    sub.populate(glyphs=font.getGlyphOrder())
    sub.subset(font)
    font.save(path)


if __name__ == "__main__":
    for p in sys.argv[1:]:
        dehint(p)
        print(p)
