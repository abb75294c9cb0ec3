// Child process that decodes one image (PNG, JPEG, GIF, WebP, BMP) with @napi-rs/canvas (Skia). Skia can
// crash the whole process on a corrupt file (a segfault is not an exception), so decoding runs here, not in
// the server: bytes on stdin; on stdout width and height (uint32 LE) then one grey byte per pixel
// (alpha composited on white). Exit code 2 with a message on stderr when the image cannot be decoded.
import { createCanvas, loadImage } from '@napi-rs/canvas';

const chunks = [];
for await (const c of process.stdin) chunks.push(c);
const maxPixels = Number(process.argv[2]) || Infinity;
try {
  const img = await loadImage(Buffer.concat(chunks));
  const { width, height } = img;
  if (!width || !height) throw new Error('no image data');
  if (width * height > maxPixels) throw new Error(`decoded size ${width}×${height} exceeds the pixel limit`);
  const ctx = createCanvas(width, height).getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.drawImage(img, 0, 0);
  const rgba = ctx.getImageData(0, 0, width, height).data;
  const out = Buffer.alloc(8 + width * height);
  out.writeUInt32LE(width, 0);
  out.writeUInt32LE(height, 4);
  for (let i = 0, j = 0, o = 8; i < width * height; i++, j += 4, o++) out[o] = (rgba[j] * 77 + rgba[j + 1] * 150 + rgba[j + 2] * 29) >> 8;
  process.stdout.write(out, () => process.exit(0));
} catch (err) {
  process.stderr.write(String(err?.message ?? err));
  process.exit(2);
}
