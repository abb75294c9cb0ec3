// Generates examples/invoice.pdf: a one-page sample invoice (vendor, bill-to, 3 line items,
// subtotal, VAT 20 %, total EUR 1,234.56) with a standard font, byte-for-byte reproducible.
// Run: node --import tsx examples/make-invoice.ts
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from '@cantoo/pdf-lib';

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'invoice.pdf');

const items = [
  { description: 'Website maintenance (March 2026)', quantity: 1, unitPrice: 480.0 },
  { description: 'Cloud hosting, Standard plan (monthly)', quantity: 3, unitPrice: 125.6 },
  { description: 'Technical support hours', quantity: 4, unitPrice: 43.0 },
];
const cents = (n: number) => Math.round(n * 100);
const lineCents = items.map((i) => i.quantity * cents(i.unitPrice));
const subtotal = lineCents.reduce((a, b) => a + b, 0);
const vat = Math.round(subtotal * 0.2);
const total = subtotal + vat;
if (total !== 123456) throw new Error(`numbers inconsistent: total ${total / 100}`);

const money = (c: number) => (c / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

const doc = await PDFDocument.create({ updateMetadata: false });
doc.setTitle('Invoice INV-2026-0042');
doc.setAuthor('Northwind Digital GmbH');
doc.setProducer('Docket examples/make-invoice.ts');
doc.setCreationDate(new Date('2026-03-14T09:00:00Z'));
doc.setModificationDate(new Date('2026-03-14T09:00:00Z'));
const page = doc.addPage([595.28, 841.89]); // A4
const regular = await doc.embedFont(StandardFonts.Helvetica);
const bold = await doc.embedFont(StandardFonts.HelveticaBold);
const grey = rgb(0.35, 0.35, 0.35);

const text = (p: PDFPage, s: string, x: number, y: number, o: { font?: PDFFont; size?: number; right?: boolean; color?: ReturnType<typeof rgb> } = {}) => {
  const font = o.font ?? regular;
  const size = o.size ?? 10;
  const dx = o.right ? font.widthOfTextAtSize(s, size) : 0;
  p.drawText(s, { x: x - dx, y, font, size, color: o.color ?? rgb(0, 0, 0) });
};

// Vendor block (top left) and title (top right).
text(page, 'Northwind Digital GmbH', 50, 780, { font: bold, size: 14 });
['Friedrichstrasse 123', '10117 Berlin, Germany', 'VAT ID: DE 123 456 789', 'billing@northwind-digital.example'].forEach((l, i) =>
  text(page, l, 50, 762 - i * 13, { color: grey }),
);
text(page, 'INVOICE', 545, 780, { font: bold, size: 22, right: true });
const meta: [string, string][] = [
  ['Invoice No:', 'INV-2026-0042'],
  ['Invoice Date:', '14 March 2026'],
  ['Due Date:', '13 April 2026'],
  ['Currency:', 'EUR'],
];
meta.forEach(([k, v], i) => {
  text(page, k, 400, 752 - i * 14, { font: bold });
  text(page, v, 545, 752 - i * 14, { right: true });
});

// Bill-to block.
text(page, 'Bill To:', 50, 680, { font: bold });
['Contoso Retail SARL', 'Attn: Accounts Payable', '25 Rue de la Paix', '75002 Paris, France'].forEach((l, i) => text(page, l, 50, 665 - i * 13));

// Line items.
const cols = { desc: 50, qty: 350, unit: 450, amount: 545 };
let y = 580;
page.drawRectangle({ x: 45, y: y - 6, width: 505, height: 20, color: rgb(0.9, 0.92, 0.95) });
text(page, 'Description', cols.desc, y, { font: bold });
text(page, 'Qty', cols.qty, y, { font: bold, right: true });
text(page, 'Unit price', cols.unit, y, { font: bold, right: true });
text(page, 'Amount', cols.amount, y, { font: bold, right: true });
items.forEach((item, i) => {
  y -= 24;
  text(page, item.description, cols.desc, y);
  text(page, String(item.quantity), cols.qty, y, { right: true });
  text(page, money(cents(item.unitPrice)), cols.unit, y, { right: true });
  text(page, money(lineCents[i]), cols.amount, y, { right: true });
});
y -= 14;
page.drawLine({ start: { x: 45, y }, end: { x: 550, y }, thickness: 0.7, color: grey });

// Totals.
const totals: [string, string, PDFFont][] = [
  ['Subtotal:', `EUR ${money(subtotal)}`, regular],
  ['VAT 20%:', `EUR ${money(vat)}`, regular],
  ['Total:', `EUR ${money(total)}`, bold],
];
totals.forEach(([k, v, font], i) => {
  const ty = y - 22 - i * 18;
  text(page, k, 400, ty, { font });
  text(page, v, 545, ty, { font, right: true });
});

// Payment terms.
text(page, 'Payment due by 13 April 2026 (30 days net). Please quote INV-2026-0042 with your payment.', 50, 330, { size: 9, color: grey });
text(page, 'Bank: Berliner Testbank AG  IBAN: DE89 3704 0044 0532 0130 00  BIC: TESTDEBBXXX', 50, 316, { size: 9, color: grey });
text(page, 'Thank you for your business.', 50, 290, { font: bold, size: 10 });

writeFileSync(OUT, await doc.save({ useObjectStreams: false }));
process.stdout.write(`wrote ${OUT}\n`);
