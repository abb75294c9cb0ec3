// Hostile documents made in the test: seeded byte mutations of real PDFs, zip bombs dressed as DOCX,
// a PNG whose header claims a huge canvas, a PDF whose content stream inflates to a great size.
import { deflateSync as zlibDeflate } from 'node:zlib';
import { strToU8, zipSync } from 'fflate';

/** mulberry32: a small deterministic PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One deterministic mutation: flipped bytes, an overwritten range, truncation, a duplicated or deleted chunk. */
export function mutate(src: Uint8Array, rand: () => number): { bytes: Uint8Array; kind: string } {
  const b = Uint8Array.from(src);
  const at = () => Math.floor(rand() * b.length);
  const kind = ['flip', 'overwrite', 'truncate', 'duplicate', 'delete'][Math.floor(rand() * 5)];
  switch (kind) {
    case 'flip':
      for (let i = 0, n = 1 + Math.floor(rand() * 32); i < n; i++) b[at()] ^= 1 << Math.floor(rand() * 8);
      return { bytes: b, kind };
    case 'overwrite': {
      const start = at();
      const len = Math.min(b.length - start, 1 + Math.floor(rand() * 512));
      for (let i = 0; i < len; i++) b[start + i] = Math.floor(rand() * 256);
      return { bytes: b, kind };
    }
    case 'truncate':
      return { bytes: b.subarray(0, Math.max(1, Math.floor(b.length * rand()))), kind };
    case 'duplicate': {
      const start = at();
      const chunk = b.subarray(start, Math.min(b.length, start + 1 + Math.floor(rand() * 4096)));
      const to = at();
      return { bytes: Buffer.concat([b.subarray(0, to), chunk, b.subarray(to)]), kind };
    }
    default: {
      const start = at();
      return { bytes: Buffer.concat([b.subarray(0, start), b.subarray(Math.min(b.length, start + 1 + Math.floor(rand() * 4096)))]), kind };
    }
  }
}

const DOCX_BASE = {
  '[Content_Types].xml': strToU8(
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  ),
  '_rels/.rels': strToU8(
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  ),
  'word/document.xml': strToU8(
    '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Bomb</w:t></w:r></w:p></w:body></w:document>',
  ),
};

/** A DOCX whose entries expand to `count` × 1 MiB of zeros (honest sizes). */
export function zipBombDocx(count: number): Uint8Array {
  const zeros = new Uint8Array(1 << 20);
  const files: Record<string, Uint8Array> = { ...DOCX_BASE };
  for (let i = 0; i < count; i++) files[`word/media/pad${i}.bin`] = zeros;
  return zipSync(files, { level: 1 });
}

/** A DOCX with `count` tiny entries. */
export function manyEntriesDocx(count: number): Uint8Array {
  const files: Record<string, Uint8Array> = { ...DOCX_BASE };
  const one = new Uint8Array(1);
  for (let i = 0; i < count; i++) files[`word/media/e${i}.bin`] = one;
  return zipSync(files, { level: 0 });
}

/** A DOCX whose one big entry (64 MiB of zeros) declares itself 1 KiB long in both headers. */
export function lyingSizeDocx(): Uint8Array {
  const zip = zipSync({ ...DOCX_BASE, 'word/document.xml': new Uint8Array(32 << 20).fill(0x20) }, { level: 1 });
  const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  for (let i = 0; i + 46 < zip.length; i++) {
    const sig = v.getUint32(i, true);
    const nameLen = sig === 0x04034b50 ? v.getUint16(i + 26, true) : sig === 0x02014b50 ? v.getUint16(i + 28, true) : 0;
    const nameAt = sig === 0x04034b50 ? i + 30 : i + 46;
    if (!nameLen || Buffer.from(zip.subarray(nameAt, nameAt + nameLen)).toString() !== 'word/document.xml') continue;
    v.setUint32(sig === 0x04034b50 ? i + 22 : i + 24, 1024, true);
  }
  return zip;
}

function crc32(data: Uint8Array): number {
  let c = ~0;
  for (const byte of data) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function pngChunk(type: string, data: Uint8Array): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A PNG whose IHDR claims width × height pixels, with a tiny (truncated) image stream. */
export function hugePng(width: number, height: number): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const idat = zlibDeflate(Buffer.alloc(4096));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', ihdr), pngChunk('IDAT', idat), pngChunk('IEND', Buffer.alloc(0))]);
}

/** A one-page PDF whose content stream inflates to `mb` MiB (a text show repeated). */
export function streamBombPdf(mb: number): Uint8Array {
  const unit = Buffer.from('BT /F1 12 Tf 72 720 Td (bomb) Tj ET\n'.repeat(1000));
  const raw = Buffer.alloc(mb << 20);
  for (let o = 0; o < raw.length; o += unit.length) unit.copy(raw, o);
  const stream = zlibDeflate(raw, { level: 9 });
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    null,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n')];
  const offsets: number[] = [];
  let len = parts[0].length;
  objs.forEach((o, i) => {
    offsets.push(len);
    const body = o === null ? Buffer.concat([Buffer.from(`${i + 1} 0 obj\n<< /Length ${stream.length} /Filter /FlateDecode >>\nstream\n`), stream, Buffer.from('\nendstream\nendobj\n')]) : Buffer.from(`${i + 1} 0 obj\n${o}\nendobj\n`);
    parts.push(body);
    len += body.length;
  });
  const xref = `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${len}\n%%EOF\n`;
  parts.push(Buffer.from(xref));
  return Buffer.concat(parts);
}

/** An XLSX of `rows` rows × 10 inline-string cells (large when loaded, small when zipped). */
export function bigXlsx(rows: number): Uint8Array {
  const cells = Array.from({ length: 10 }, (_, c) => `<c t="inlineStr"><is><t>cell ${c} some text to take memory</t></is></c>`).join('');
  const sheet = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${Array.from({ length: rows }, (_, r) => `<row r="${r + 1}">${cells}</row>`).join('')}</sheetData></worksheet>`;
  return zipSync(
    {
      '[Content_Types].xml': strToU8(
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
      ),
      '_rels/.rels': strToU8(
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
      ),
      'xl/workbook.xml': strToU8(
        '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Big" sheetId="1" r:id="rId1"/></sheets></workbook>',
      ),
      'xl/_rels/workbook.xml.rels': strToU8(
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      ),
      'xl/worksheets/sheet1.xml': strToU8(sheet),
    },
    { level: 6 },
  );
}
