#!/usr/bin/python3
"""Make the Chinese, Japanese and Korean faces in fonts/ from Debian's Noto Sans CJK collection.

Why: the JDK always opens face 0 of a .ttc (Japanese in Noto Sans CJK), and OpenPDF
subsets CFF outlines poorly. So we take each face out of the collection, keep the
characters of one national standard plus Latin, general and CJK punctuation and
full-width forms, and convert the CFF outlines to TrueType, which OpenPDF subsets to a
few dozen KB:
  SC  Simplified Chinese: GB 2312 (6,763 hanzi)
  JP  Japanese: JIS X 0208 (6,355 kanji) and all kana
  KR  Korean: all 11,172 Hangul syllables and compatibility jamo; no hanja, which
      patient leaflets do not use
  TC  Traditional Chinese, for readers in Hong Kong (and Cantonese readers elsewhere):
      Big5 with the Hong Kong Supplementary Character Set (Python's big5hkscs, about
      15,900 hanzi, with 咗 嘅 and the other characters of written Cantonese), drawn from
      the collection's Hong Kong face, whose glyph forms follow Hong Kong's standard

Needs: apt-get install fonts-noto-cjk python3-fonttools
Run:   cd fonts && /usr/bin/python3 tools/make-cjk-subset.py [SC] [JP] [KR] [TC]   (all when none is named)
A character outside this repertoire is reported by `handout build` as a missing glyph,
naming the bundle, line and key; widen the ranges below and run this again.
"""
from fontTools.ttLib import TTCollection, TTFont, newTable
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools import subset
import io

import sys

SOURCES = {
    "Regular": "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "Bold": "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
}
FACES = {"JP": 0, "KR": 1, "SC": 2, "TC": 4}  # JP, KR, SC, TC, HK in Noto Sans CJK 2.004: TC is made from HK

RANGES = [(0x20, 0x7E), (0xA0, 0xFF), (0x2000, 0x206F), (0x2100, 0x215F), (0x2190, 0x21FF),
          (0x2460, 0x24FF), (0x25A0, 0x25FF), (0x3000, 0x303F), (0xFF00, 0xFFEF)]


def encodable(cps, codec):
    out = set()
    for cp in cps:
        try:
            chr(cp).encode(codec)
            out.add(cp)
        except UnicodeEncodeError:
            pass
    return out


def repertoire(variant):
    cps = set()
    for lo, hi in RANGES:
        cps.update(range(lo, hi + 1))
    if variant == "SC":
        cps |= encodable(range(0x4E00, 0xA000), "gb2312")
    elif variant == "JP":
        cps.update(range(0x3040, 0x3100))  # hiragana, katakana
        cps.update(range(0x31F0, 0x3200))  # small katakana
        cps |= encodable(range(0x4E00, 0xA000), "shift_jis")  # JIS X 0208 only (EUC-JP adds JIS X 0212)
    elif variant == "TC":
        cps.update(range(0x3100, 0x3130))  # bopomofo, for a reading given in a gloss
        cps |= encodable(range(0x3400, 0xA000), "big5hkscs")
        cps |= encodable(range(0x20000, 0x2A6E0), "big5hkscs")  # HKSCS characters beyond the BMP
    elif variant == "KR":
        cps.update(range(0x1100, 0x1200))  # jamo
        cps.update(range(0x3130, 0x3190))  # compatibility jamo
        cps.update(range(0xAC00, 0xD7A4))  # every Hangul syllable
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


def main(variants):
    for variant in variants:
        cps = repertoire(variant)
        for weight, src in SOURCES.items():
            make(f"NotoSans{variant}-{weight}.ttf", src, FACES[variant], cps)


def make(out, src, index, cps):
    face = TTCollection(src).fonts[index]
    buf = io.BytesIO()
    face.save(buf)
    buf.seek(0)
    font = TTFont(buf)
    options = subset.Options()
    # what a horizontal shaper reaches: not the vertical forms (vert, vrt2, valt, vkrn, vpal), nor the
    # regional alternates of locl, which the CJK faces register only under a language (JAN, KOR, ZHS,
    # ZHT, ZHH) that the JDK's shaper is never told; nor jp78/jp90 (not defaults). This halves a face.
    options.layout_features = [f for f in subset.Options().layout_features
                               if f not in ("locl", "vert", "vrt2", "valt", "vkrn", "vpal")]
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
    main(sys.argv[1:] or list(FACES))
