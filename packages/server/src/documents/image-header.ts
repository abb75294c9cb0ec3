// Image dimensions read from the file header, before any pixel is decoded, so that the pixel limit can
// refuse a decompression bomb cheaply. TIFF frames are listed by image-decode.ts (IFDs carry no pixels).
import { RunFailure } from '../runs/failures.ts';

export interface ImageSize {
  width: number;
  height: number;
}

const be16 = (b: Uint8Array, i: number) => (b[i] << 8) | b[i + 1];
const le16 = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8);
const be32 = (b: Uint8Array, i: number) => ((b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]) >>> 0;
const le24 = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8) | (b[i + 2] << 16);
const le32s = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24);

/** Width and height from a PNG, JPEG, GIF, WebP or BMP header; throws corrupt_document when unreadable. */
export function readImageSize(b: Uint8Array, mimeType: string): ImageSize {
  const size = sizeOf(b, mimeType);
  if (!size || size.width <= 0 || size.height <= 0) {
    throw new RunFailure('corrupt_document', `The image header could not be read (${mimeType})`);
  }
  return size;
}

function sizeOf(b: Uint8Array, mime: string): ImageSize | null {
  switch (mime) {
    case 'image/png':
      return b.length >= 24 ? { width: be32(b, 16), height: be32(b, 20) } : null;
    case 'image/gif':
      return b.length >= 10 ? { width: le16(b, 6), height: le16(b, 8) } : null;
    case 'image/bmp':
      return b.length >= 26 ? { width: Math.abs(le32s(b, 18)), height: Math.abs(le32s(b, 22)) } : null;
    case 'image/webp':
      return webpSize(b);
    case 'image/jpeg':
      return jpegSize(b);
    default:
      return null;
  }
}

function webpSize(b: Uint8Array): ImageSize | null {
  if (b.length < 30) return null;
  const chunk = String.fromCharCode(b[12], b[13], b[14], b[15]);
  if (chunk === 'VP8X') return { width: le24(b, 24) + 1, height: le24(b, 27) + 1 };
  if (chunk === 'VP8L') {
    const bits = b[21] | (b[22] << 8) | (b[23] << 16) | (b[24] << 24);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8 ') return { width: le16(b, 26) & 0x3fff, height: le16(b, 28) & 0x3fff };
  return null;
}

/** Walk JPEG segments to the first start-of-frame marker. */
function jpegSize(b: Uint8Array): ImageSize | null {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1];
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) return { height: be16(b, i + 5), width: be16(b, i + 7) };
    i += 2 + be16(b, i + 2);
  }
  return null;
}

/** Fail with image_too_large when a frame exceeds the pixel limit. */
export function checkPixelLimit(size: ImageSize, maxPixels: number, frame?: number): void {
  const pixels = size.width * size.height;
  if (pixels > maxPixels) {
    const where = frame === undefined ? 'The image' : `Page ${frame} of the image`;
    throw new RunFailure('image_too_large', `${where} is ${size.width}×${size.height} (${(pixels / 1e6).toFixed(1)} MP); the limit is ${(maxPixels / 1e6).toFixed(1)} MP`, {
      width: size.width,
      height: size.height,
      max_pixels: maxPixels,
    });
  }
}
