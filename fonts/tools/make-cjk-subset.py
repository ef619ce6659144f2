#!/usr/bin/python3
"""Make the Simplified Chinese faces in fonts/ from Debian's Noto Sans CJK collection.

Why: the JDK always opens face 0 of a .ttc (Japanese in Noto Sans CJK), and OpenPDF
subsets CFF outlines poorly. So we take the SC face out of the collection, keep the
characters of GB 2312 plus Latin, general and CJK punctuation and full-width forms,
and convert the CFF outlines to TrueType, which OpenPDF subsets to a few dozen KB.

Needs: apt-get install fonts-noto-cjk python3-fonttools
Run:   /usr/bin/python3 fonts/tools/make-cjk-subset.py   (from the project root)
A character outside this repertoire is reported by `handout build` as a missing glyph,
naming the bundle, line and key; widen the ranges below and run this again.
"""
from fontTools.ttLib import TTCollection, TTFont, newTable
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools import subset
import io

SOURCES = {
    "NotoSansSC-Regular.ttf": "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "NotoSansSC-Bold.ttf": "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
}
SC_FACE = 2  # JP, KR, SC, TC, HK in Noto Sans CJK 2.004

RANGES = [(0x20, 0x7E), (0xA0, 0xFF), (0x2000, 0x206F), (0x2100, 0x215F), (0x2190, 0x21FF),
          (0x2460, 0x24FF), (0x25A0, 0x25FF), (0x3000, 0x303F), (0xFF00, 0xFFEF)]


def repertoire():
    cps = set()
    for lo, hi in RANGES:
        cps.update(range(lo, hi + 1))
    for cp in range(0x4E00, 0xA000):
        try:
            chr(cp).encode("gb2312")
            cps.add(cp)
        except UnicodeEncodeError:
            pass
    return cps


def to_truetype(font):
    """Replace CFF outlines by quadratic TrueType outlines (max error 1 unit of 1000)."""
    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = {}
    for name in glyph_order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for attr in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs",
                 "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions",
                 "maxComponentElements", "maxPoints", "maxContours",
                 "maxCompositePoints", "maxCompositeContours", "maxComponentDepth"):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    font["head"].glyphDataFormat = 0
    font["head"].indexToLocFormat = 0
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    font["post"].formatType = 2.0
    font["post"].extraNames = []
    font["post"].mapping = {}
    font["post"].glyphOrder = glyph_order
    font.sfntVersion = "\x00\x01\x00\x00"


def main():
    cps = repertoire()
    for out, src in SOURCES.items():
        face = TTCollection(src).fonts[SC_FACE]
        buf = io.BytesIO()
        face.save(buf)
        buf.seek(0)
        font = TTFont(buf)
        options = subset.Options()
        options.layout_features = ["*"]
        options.name_IDs = ["*"]
        options.name_languages = ["*"]
        options.notdef_outline = True
        options.hinting = False
        sub = subset.Subsetter(options)
        sub.populate(unicodes=cps)
        sub.subset(font)
        to_truetype(font)
        font.save(out)
        print(out, len(font.getGlyphOrder()), "glyphs")


if __name__ == "__main__":
    main()
