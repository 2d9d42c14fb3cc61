// SVG → PNG for print and web teams: rendered by resvg (a Rust renderer shipped as a native npm
// package) at 300 dpi, with the resolution written into the file so that layout programs size it right.
import { Resvg } from '@resvg/resvg-js';
import { FONT } from '../report/charts.js';

export const DPI = 300;
/** SVG user units are CSS pixels: 96 to the inch. */
const CSS_DPI = 96;

export function svgToPng(svg: string, dpi = DPI): Uint8Array {
  const png = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: dpi / CSS_DPI },
    font: { loadSystemFonts: true, defaultFontFamily: FONT },
    background: 'white',
  })
    .render()
    .asPng();
  return withResolution(new Uint8Array(png), dpi);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Inserts a pHYs chunk (pixels per metre) after the PNG's IHDR chunk, replacing any there was. */
export function withResolution(png: Uint8Array, dpi: number): Uint8Array {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunks: Uint8Array[] = [png.subarray(0, 8)];
  let pos = 8;
  while (pos < png.length) {
    const len = view.getUint32(pos);
    const type = String.fromCharCode(...png.subarray(pos + 4, pos + 8));
    const end = pos + 12 + len;
    if (type !== 'pHYs') chunks.push(png.subarray(pos, end));
    if (type === 'IHDR') {
      const ppm = Math.round(dpi / 0.0254);
      const chunk = new Uint8Array(21);
      const cv = new DataView(chunk.buffer);
      cv.setUint32(0, 9);
      chunk.set([0x70, 0x48, 0x59, 0x73], 4); // "pHYs"
      cv.setUint32(8, ppm);
      cv.setUint32(12, ppm);
      chunk[16] = 1; // unit: metre
      cv.setUint32(17, crc32(chunk.subarray(4, 17)));
      chunks.push(chunk);
    }
    pos = end;
  }
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** The pixel size and resolution a PNG declares (for tests and the figure list). */
export function pngInfo(png: Uint8Array): { width: number; height: number; dpi: number | null } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  let dpi: number | null = null;
  for (let pos = 8; pos < png.length; ) {
    const len = view.getUint32(pos);
    const type = String.fromCharCode(...png.subarray(pos + 4, pos + 8));
    if (type === 'pHYs' && png[pos + 16] === 1) dpi = Math.round(view.getUint32(pos + 8) * 0.0254);
    pos += 12 + len;
  }
  return { width: view.getUint32(16), height: view.getUint32(20), dpi };
}
