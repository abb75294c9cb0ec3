// Greyscale rasters for OCR: conversion from RGBA (alpha composited on white), quarter-turn rotation,
// box downscaling, and PGM (P5) encoding, which tesseract's image reader takes without re-encoding.

export interface Raster {
  width: number;
  height: number;
  /** One byte per pixel, row-major, 0 = black. */
  data: Uint8Array;
}

/** RGBA (straight alpha) → grey, transparent pixels becoming white (a transparent PNG is paper, not ink). */
export function rasterFromRgba(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): Raster {
  const n = width * height;
  const data = new Uint8Array(n);
  for (let i = 0, j = 0; i < n; i++, j += 4) {
    const lum = (rgba[j] * 77 + rgba[j + 1] * 150 + rgba[j + 2] * 29) >> 8;
    const a = rgba[j + 3];
    data[i] = a === 255 ? lum : (lum * a + 255 * (255 - a) + 127) / 255;
  }
  return { width, height, data };
}

/** Rotate clockwise by `turns` quarter turns (0–3). */
export function rotateRaster(r: Raster, turns: number): Raster {
  const t = ((turns % 4) + 4) % 4;
  if (t === 0) return r;
  const { width: w, height: h, data } = r;
  const out = new Uint8Array(w * h);
  if (t === 2) {
    for (let i = 0, n = w * h; i < n; i++) out[n - 1 - i] = data[i];
    return { width: w, height: h, data: out };
  }
  // Quarter turn: the result is h wide and w high.
  for (let y = 0; y < h; y++) {
    const row = y * w;
    for (let x = 0; x < w; x++) {
      // clockwise: (x, y) → (h-1-y, x); counter-clockwise: (x, y) → (y, w-1-x)
      const idx = t === 1 ? x * h + (h - 1 - y) : (w - 1 - x) * h + y;
      out[idx] = data[row + x];
    }
  }
  return { width: h, height: w, data: out };
}

/** Shrink so that the longer side is at most `maxSide` (integer box filter); returns the factor used. */
export function downscaleRaster(r: Raster, maxSide: number): { raster: Raster; factor: number } {
  const f = Math.ceil(Math.max(r.width, r.height) / maxSide);
  if (f <= 1) return { raster: r, factor: 1 };
  const w = Math.floor(r.width / f);
  const h = Math.floor(r.height / f);
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let sum = 0;
      for (let dy = 0; dy < f; dy++) {
        const row = (y * f + dy) * r.width + x * f;
        for (let dx = 0; dx < f; dx++) sum += r.data[row + dx];
      }
      out[y * w + x] = sum / (f * f);
    }
  }
  return { raster: { width: w, height: h, data: out }, factor: f };
}

/** Binary PGM (P5), 8-bit grey. */
export function encodePgm(r: Raster): Uint8Array {
  const head = Buffer.from(`P5\n${r.width} ${r.height}\n255\n`, 'ascii');
  const out = new Uint8Array(head.length + r.data.length);
  out.set(head, 0);
  out.set(r.data, head.length);
  return out;
}

/** Enlarge by an integer factor with bilinear interpolation (small print reads better at ~30 px line height). */
export function upscaleRaster(r: Raster, f: number): Raster {
  if (f <= 1) return r;
  const w = r.width * f;
  const h = r.height * f;
  const out = new Uint8Array(w * h);
  const { width: sw, height: sh, data } = r;
  for (let y = 0; y < h; y++) {
    const sy = Math.min(Math.max((y + 0.5) / f - 0.5, 0), sh - 1);
    const y0 = Math.floor(sy);
    const y1 = Math.min(y0 + 1, sh - 1);
    const fy = sy - y0;
    for (let x = 0; x < w; x++) {
      const sx = Math.min(Math.max((x + 0.5) / f - 0.5, 0), sw - 1);
      const x0 = Math.floor(sx);
      const x1 = Math.min(x0 + 1, sw - 1);
      const fx = sx - x0;
      const top = data[y0 * sw + x0] * (1 - fx) + data[y0 * sw + x1] * fx;
      const bottom = data[y1 * sw + x0] * (1 - fx) + data[y1 * sw + x1] * fx;
      out[y * w + x] = top * (1 - fy) + bottom * fy;
    }
  }
  return { width: w, height: h, data: out };
}
