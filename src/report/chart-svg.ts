// Vega's SVG, made cheaper to print without changing how it looks.

/**
 * Removes dash patterns without gaps (Vega-Lite needs one, e.g. [1, 0], for the solid member of a
 * strokeDash scale). They draw a solid line, but Chromium's PDF output cuts a dashed stroke into one
 * filled piece per dash: a solid trend line became thousands of 1-pixel pieces, most of a report's bytes.
 */
export function solidStrokes(svg: string): string {
  return svg.replace(/ stroke-dasharray="([^"]*)"/g, (attr, pattern: string) => {
    const lengths = pattern.split(/[\s,]+/).filter(Boolean).map(Number);
    // An odd-length pattern repeats itself, so its gaps are at every second place of the doubled list.
    const doubled = lengths.length % 2 ? [...lengths, ...lengths] : lengths;
    const gapless = doubled.length > 0 && doubled.every((v, i) => i % 2 === 0 || v === 0) && lengths.every((v) => Number.isFinite(v));
    return gapless ? '' : attr;
  });
}
