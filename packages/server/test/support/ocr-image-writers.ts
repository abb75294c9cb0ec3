// Minimal image encoders for OCR tests, for formats @napi-rs/canvas cannot write: 24-bit BMP and
// multi-page 8-bit greyscale uncompressed TIFF.

type Rgba = Uint8Array | Uint8ClampedArray;

export function encodeBmp(rgba: Rgba, width: number, height: number): Uint8Array {
  const rowSize = Math.ceil((width * 3) / 4) * 4;
  const size = 54 + rowSize * height;
  const b = Buffer.alloc(size);
  b.write('BM', 0, 'ascii');
  b.writeUInt32LE(size, 2);
  b.writeUInt32LE(54, 10);
  b.writeUInt32LE(40, 14);
  b.writeInt32LE(width, 18);
  b.writeInt32LE(height, 22); // positive: rows stored bottom-up
  b.writeUInt16LE(1, 26);
  b.writeUInt16LE(24, 28);
  b.writeUInt32LE(rowSize * height, 34);
  for (let y = 0; y < height; y++) {
    const row = 54 + (height - 1 - y) * rowSize;
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      b[row + x * 3] = rgba[i + 2];
      b[row + x * 3 + 1] = rgba[i + 1];
      b[row + x * 3 + 2] = rgba[i];
    }
  }
  return new Uint8Array(b);
}

export function encodeGreyTiff(pages: { width: number; height: number; rgba: Rgba }[]): Uint8Array {
  const ifdSize = 2 + 9 * 12 + 4;
  const total = 8 + pages.reduce((n, p) => n + p.width * p.height + ifdSize, 0);
  const b = Buffer.alloc(total);
  b.write('II', 0, 'ascii');
  b.writeUInt16LE(42, 2);
  let at = 8;
  let linkAt = 4; // where the offset of the next IFD goes
  for (const p of pages) {
    const dataAt = at;
    for (let i = 0; i < p.width * p.height; i++) b[at + i] = (p.rgba[i * 4] * 77 + p.rgba[i * 4 + 1] * 150 + p.rgba[i * 4 + 2] * 29) >> 8;
    at += p.width * p.height;
    b.writeUInt32LE(at, linkAt);
    const entries: [number, number, number][] = [
      [256, 4, p.width],
      [257, 4, p.height],
      [258, 3, 8],
      [259, 3, 1],
      [262, 3, 1],
      [273, 4, dataAt],
      [277, 3, 1],
      [278, 4, p.height],
      [279, 4, p.width * p.height],
    ];
    b.writeUInt16LE(entries.length, at);
    entries.forEach(([tag, type, value], i) => {
      const e = at + 2 + i * 12;
      b.writeUInt16LE(tag, e);
      b.writeUInt16LE(type, e + 2);
      b.writeUInt32LE(1, e + 4);
      if (type === 3) b.writeUInt16LE(value, e + 8);
      else b.writeUInt32LE(value, e + 8);
    });
    linkAt = at + 2 + entries.length * 12;
    b.writeUInt32LE(0, linkAt);
    at += ifdSize;
  }
  return new Uint8Array(b);
}
