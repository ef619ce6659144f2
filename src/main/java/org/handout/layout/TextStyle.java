package org.handout.layout;

/** How a piece of text is set: size in points, bold or not, colour as 0xRRGGBB. */
record TextStyle(float size, boolean bold, int rgb) {
}
