/**
 * A page as grey pixels: a photo or scan (.png, .jpg) decoded in pure JavaScript (pngjs, jpeg-js),
 * a scanned PDF's pages rasterised by pdftoppm (poppler-utils) in a throw-away folder. The pixels
 * are what the ruling-line finder reads; tesseract reads crops written back as PNG.
 */
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

/** One byte per pixel, 0 black … 255 white, rows top to bottom. */
export interface GrayImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** A phone photo is 12–48 megapixels; more is refused before decoding (the import worker may use 512 MB: 40 MP decode to 160 MB of RGBA). */
export const MAX_IMAGE_MEGAPIXELS = 40;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR, or undefined when the bytes are not a PNG. */
function pngSize(data: Buffer): { width: number; height: number } | undefined {
  if (data.length < 24 || !data.subarray(0, 8).equals(PNG_SIGNATURE)) return undefined;
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

const isJpeg = (data: Buffer) => data.length > 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff;

/** Decodes a PNG or JPEG (by its bytes, not its name) to grey; `too_large` over MAX_IMAGE_MEGAPIXELS, `unreadable` for anything else. */
export function decodeImage(data: Buffer): { ok: true; image: GrayImage } | { ok: false; problem: 'unreadable' | 'too_large' } {
  try {
    let rgba: { width: number; height: number; data: Uint8Array };
    const size = pngSize(data);
    if (size) {
      if (size.width * size.height > MAX_IMAGE_MEGAPIXELS * 1e6) return { ok: false, problem: 'too_large' };
      rgba = PNG.sync.read(data);
    } else if (isJpeg(data)) {
      rgba = jpeg.decode(data, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: MAX_IMAGE_MEGAPIXELS, maxMemoryUsageInMB: 400 });
    } else return { ok: false, problem: 'unreadable' };
    const gray = new Uint8Array(rgba.width * rgba.height);
    for (let i = 0; i < gray.length; i += 1) {
      const at = i * 4;
      const alpha = rgba.data[at + 3]!;
      const value = (rgba.data[at]! * 299 + rgba.data[at + 1]! * 587 + rgba.data[at + 2]! * 114) / 1000;
      // A transparent pixel is paper.
      gray[i] = Math.round(255 - ((255 - value) * alpha) / 255);
    }
    return { ok: true, image: { width: rgba.width, height: rgba.height, data: gray } };
  } catch (error) {
    if (error instanceof Error && /maxResolutionInMP|maxMemoryUsageInMB/.test(error.message)) return { ok: false, problem: 'too_large' };
    return { ok: false, problem: 'unreadable' };
  }
}

/**
 * The image as a grey PNG, enlarged `zoom` times (bilinear: tesseract reads letters best about 30
 * pixels tall) with `margin` white pixels around it (it reads a crop best with a margin).
 */
export function imagePng(image: GrayImage, zoom = 1, margin = 10): Buffer {
  const inner = { width: Math.max(1, Math.round(image.width * zoom)), height: Math.max(1, Math.round(image.height * zoom)) };
  const width = inner.width + 2 * margin;
  const height = inner.height + 2 * margin;
  const png = new PNG({ width, height, colorType: 0, inputColorType: 0, inputHasAlpha: false });
  const out = Buffer.alloc(width * height, 255);
  const at = (x: number, y: number) => image.data[Math.min(image.height - 1, y) * image.width + Math.min(image.width - 1, x)]!;
  for (let y = 0; y < inner.height; y += 1) {
    const sy = Math.max(0, (y + 0.5) / zoom - 0.5);
    const y0 = Math.floor(sy);
    const fy = sy - y0;
    for (let x = 0; x < inner.width; x += 1) {
      const sx = Math.max(0, (x + 0.5) / zoom - 0.5);
      const x0 = Math.floor(sx);
      const fx = sx - x0;
      const top = at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx;
      const bottom = at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx;
      out[(y + margin) * width + x + margin] = Math.round(top * (1 - fy) + bottom * fy);
    }
  }
  png.data = out;
  return PNG.sync.write(png, { colorType: 0, inputColorType: 0, inputHasAlpha: false });
}
