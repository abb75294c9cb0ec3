// The edit engine on the real corpus forms: every text field of every AcroForm is filled and read back
// with pdf-lib; checkboxes, radios, dropdowns and list boxes round-trip; Unicode text is written with the
// shipped font (read back from a flattened copy by pdfjs); prose instructions; colour; DOCX placeholders.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { decodePDFRawStream, PDFCheckBox, PDFDocument, PDFRawStream, type PDFRef, PDFDropdown, PDFName, PDFOptionList, PDFRadioGroup, PDFTextField } from '@cantoo/pdf-lib';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { loadDocument } from '../src/documents/load-document.ts';
import { editEngine } from '../src/engines/edit.ts';
import { loadEditDocument } from '../src/engines/edit/load-edit-document.ts';
import { RunFailure } from '../src/runs/failures.ts';
import { CORPUS } from './support/test-server.ts';

interface FormField { key: string; description: string; type: string; value: string | null; bbox: { left: number; top: number; width: number; height: number; page: number } }
interface EditOutput { form_data: FormField[]; filled_document: { filename: string; url: string } }

const FORMS = path.join(CORPUS, 'forms');
const INDEX = JSON.parse(readFileSync(path.join(FORMS, 'INDEX.json'), 'utf8')) as { forms: { file: string; fields_file: string; field_count: number }[] };

async function runEdit(file: string, instructions: string, config: Record<string, unknown> = {}, given?: Uint8Array): Promise<EditOutput> {
  const bytes = given ?? new Uint8Array(readFileSync(file));
  const filename = path.basename(file);
  const doc = await loadEditDocument(bytes, { filename });
  const ctx = { signal: new AbortController().signal, progress() {}, partial() {}, model: 'retab-small', bytes };
  const res = await editEngine(doc, { instructions, config }, ctx);
  return res.output as EditOutput;
}

const filledBytes = (out: EditOutput) => new Uint8Array(Buffer.from(out.filled_document.url.split(',')[1], 'base64'));
const byKey = (out: EditOutput) => new Map(out.form_data.map((f) => [f.key, f]));

describe('edit engine on corpus forms', () => {
  const forms = INDEX.forms.filter((f) => f.field_count > 0);

  it.each(forms.map((f) => [path.basename(f.file), f] as const))('%s: every text field filled by name reads back', async (_name, form) => {
    const listed = JSON.parse(readFileSync(path.join(CORPUS, form.fields_file), 'utf8')) as { fields: { name: string; type: string; flags: string[] }[] };
    const pdfPath = path.join(CORPUS, form.file);
    const original = await PDFDocument.load(readFileSync(pdfPath), { ignoreEncryption: true });
    const expected = new Map<string, string>();
    listed.fields.forEach((f, i) => {
      if (f.type !== 'text' || f.flags.includes('readonly')) return;
      const max = (original.getForm().getField(f.name) as PDFTextField).getMaxLength();
      expected.set(f.name, max !== undefined ? '987654321012345'.slice(0, max) : `Łukasz Żółć ${i}`);
    });
    const instructions = [...expected].map(([k, v]) => `${k} = ${v}`).join('\n');
    const out = await runEdit(pdfPath, instructions, { color: '#CC0000' });

    expect(new Set(out.form_data.map((f) => f.key))).toEqual(new Set(listed.fields.map((f) => f.name)));
    expect(out.filled_document.filename).toBe(path.basename(form.file).replace(/\.pdf$/, '_filled.pdf'));
    const filled = await PDFDocument.load(filledBytes(out));
    const fields = byKey(out);
    for (const [key, value] of expected) {
      expect(filled.getForm().getTextField(key).getText(), key).toBe(value);
      expect(fields.get(key)?.value, key).toBe(value);
    }
    for (const f of out.form_data) {
      expect(f.bbox.page).toBeGreaterThanOrEqual(1);
      for (const v of [f.bbox.left, f.bbox.top, f.bbox.width, f.bbox.height]) expect(v).toBeGreaterThanOrEqual(0), expect(v).toBeLessThanOrEqual(1);
      expect(f.description.length).toBeGreaterThan(0);
    }
  });

  it('bbox is page-relative with a top-left origin (sample form Name_Last)', async () => {
    const out = await runEdit(path.join(FORMS, 'pdflib_sample_form.pdf'), 'nothing to fill');
    const page = (await PDFDocument.load(readFileSync(path.join(FORMS, 'pdflib_sample_form.pdf')))).getPage(0);
    const { width, height } = page.getSize();
    const [x1, y1, x2, y2] = [30.12, 400.92, 272.76, 419.64]; // fields/pdflib_sample_form.json
    const b = byKey(out).get('Name_Last')!.bbox;
    expect(b.page).toBe(1);
    expect(b.left).toBeCloseTo(x1 / width, 3);
    expect(b.top).toBeCloseTo((height - y2) / height, 3);
    expect(b.width).toBeCloseTo((x2 - x1) / width, 3);
    expect(b.height).toBeCloseTo((y2 - y1) / height, 3);
    expect(byKey(out).get('Name_Last')!.value).toBe('Bar'); // untouched fields keep their value
    expect(byKey(out).get('EMPLOYEE SIGNATURE')).toMatchObject({ type: 'signature', value: null });
  });

  it('checkboxes, radio groups, dropdowns and list boxes take and keep their allowed values', async () => {
    const out = await runEdit(
      path.join(FORMS, 'pdflib_create_form.pdf'),
      'gundam.exia: no\ngundam.virtue: yes\nfavorite.planet: mars\nfavorite.rocket: Delta IV Heavy\nfavorite.person: Cleopatra\nfavorite.superhero: Batman',
    );
    const form = (await PDFDocument.load(filledBytes(out))).getForm();
    expect((form.getField('gundam.exia') as PDFCheckBox).isChecked()).toBe(false);
    expect((form.getField('gundam.virtue') as PDFCheckBox).isChecked()).toBe(true);
    expect((form.getField('gundam.dynames') as PDFCheckBox).isChecked()).toBe(true); // untouched, was checked
    expect((form.getField('favorite.planet') as PDFDropdown).getSelected()).toEqual(['Mars']);
    expect((form.getField('favorite.rocket') as PDFRadioGroup).getSelected()).toBe('Delta IV Heavy');
    expect((form.getField('favorite.person') as PDFOptionList).getSelected()).toEqual(['Cleopatra']);
    const fields = byKey(out);
    expect(fields.get('gundam.virtue')).toMatchObject({ type: 'checkbox', value: 'true' });
    expect(fields.get('favorite.planet')).toMatchObject({ type: 'dropdown', value: 'Mars' });
  });

  it('a value that is not an option leaves a dropdown as it was', async () => {
    const out = await runEdit(path.join(FORMS, 'pdflib_create_form.pdf'), 'favorite.planet: Jupiter');
    const form = (await PDFDocument.load(filledBytes(out))).getForm();
    expect((form.getField('favorite.planet') as PDFDropdown).getSelected()).toEqual(['Pluto']);
  });

  it('prose: a name split into first/last, a birth date, agreement to terms, a nationality named in the text', async () => {
    const out = await runEdit(
      path.join(FORMS, 'samplefiles_libreoffice-form.pdf'),
      'The applicant is Łukasz Żółć, born 4 March 1990, agrees to the privacy policy and is French.',
    );
    const form = (await PDFDocument.load(filledBytes(out))).getForm();
    expect(form.getTextField('First Name').getText()).toBe('Łukasz');
    expect(form.getTextField('Last Name').getText()).toBe('Żółć');
    expect(form.getTextField('Birthday').getText()).toBe('4 March 1990');
    expect(form.getCheckBox('gdpr').isChecked()).toBe(true);
    expect(form.getCheckBox('other').isChecked()).toBe(false);
    expect(form.getDropdown('Nationality').getSelected()).toEqual(['French']);
  });

  it('prose against printed labels only (code-named fields): "The applicant is Jane Roe, born 4 March 1990, agrees to the terms"', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage([600, 400]);
    const form = doc.getForm();
    const label = (text: string, x: number, y: number) => page.drawText(text, { x, y, size: 11 });
    label('Full name', 40, 340);
    form.createTextField('f1').addToPage(page, { x: 150, y: 335, width: 200, height: 18 });
    label('Date of birth (DD.MM.YYYY)', 40, 300);
    form.createTextField('f2').addToPage(page, { x: 220, y: 295, width: 120, height: 18 });
    label('Email', 40, 260);
    form.createTextField('f3').addToPage(page, { x: 150, y: 255, width: 200, height: 18 });
    form.createCheckBox('c1').addToPage(page, { x: 40, y: 215, width: 12, height: 12 });
    label('I agree to the terms and conditions', 60, 217);
    form.createCheckBox('c2').addToPage(page, { x: 40, y: 185, width: 12, height: 12 });
    label('Send me the newsletter', 60, 187);
    const bytes = await doc.save();
    const out = await runEdit('made-form.pdf', 'The applicant is Jane Roe, born 4 March 1990, agrees to the terms. Contact: jane.roe@example.org', {}, bytes);
    const fields = byKey(out);
    expect(fields.get('f1')).toMatchObject({ value: 'Jane Roe', description: 'Full name' });
    expect(fields.get('f2')).toMatchObject({ value: '04.03.1990', description: 'Date of birth (DD.MM.YYYY)' });
    expect(fields.get('f3'), JSON.stringify(out.form_data)).toMatchObject({ value: 'jane.roe@example.org' });
    expect(fields.get('c1')).toMatchObject({ type: 'checkbox', value: 'true', description: 'I agree to the terms and conditions' });
    expect(fields.get('c2')!.value).toBe('false');
    const filled = (await PDFDocument.load(filledBytes(out))).getForm();
    expect(filled.getCheckBox('c1').isChecked()).toBe(true);
    expect(filled.getTextField('f2').getText()).toBe('04.03.1990');
  });

  it('dates take the format the field shows (tooltip MONTH/DAY/YEAR, Acrobat AFDate format)', async () => {
    const a = await runEdit(path.join(FORMS, 'pdflib_sample_form.pdf'), 'Name: Jane Roe\nBirthdate: 4 March 1990');
    expect(byKey(a).get('Birthdate')!.value).toBe('03/04/1990');
    expect(byKey(a).get('Name_First')!.value).toBe('Jane');
    expect(byKey(a).get('Name_Last')!.value).toBe('Roe');
    const b = await runEdit(path.join(FORMS, 'pdflib_form_to_flatten.pdf'), '{"Date8_af_date": "2024-01-31", "Text1": "hi"}');
    expect(byKey(b).get('Date8_af_date')!.value).toBe('01/31/2024');
  });

  it('Unicode text is drawn with the embedded font in config.color (flattened copy read by pdfjs)', async () => {
    const out = await runEdit(path.join(FORMS, 'pypdf_form.pdf'), 'foo: Łukasz Żółć', { color: '#FF0000' });
    const filled = await PDFDocument.load(filledBytes(out));
    const field = filled.getForm().getTextField('foo');
    expect(field.getText()).toBe('Łukasz Żółć');
    expect(field.acroField.getDefaultAppearance()).toMatch(/1 0 0 rg/);
    const ap = filled.context.lookup(field.acroField.getWidgets()[0].getNormalAppearance() as PDFRef);
    expect(ap).toBeInstanceOf(PDFRawStream);
    expect(new TextDecoder('latin1').decode(decodePDFRawStream(ap as PDFRawStream).decode())).toMatch(/1 0 0 rg/);
    filled.getForm().flatten({ updateFieldAppearances: false });
    const flat = await filled.save();
    const text = (await loadDocument(flat, { filename: 'flat.pdf' })).pageTexts.join('\n');
    expect(text).toContain('Łukasz Żółć');
    expect(text).not.toContain('?ukasz');
    expect(filled.getForm().acroForm.dict.has(PDFName.of('Fields'))).toBe(true);
  });

  it('a PDF without form fields fails no_form_fields', async () => {
    await expect(runEdit(path.join(FORMS, 'pypdf_SF424_page2_noacroform.pdf'), 'Name: x')).rejects.toMatchObject({ code: 'no_form_fields' });
    await expect(runEdit(path.join(CORPUS, 'invoices', 'pdf', firstInvoice()), 'Name: x')).rejects.toBeInstanceOf(RunFailure);
  });

  it('an encrypted form (owner password only) is opened and filled; a user password fails password_required', async () => {
    const doc = await PDFDocument.load(readFileSync(path.join(FORMS, 'pypdf_form.pdf')));
    doc.encrypt({ userPassword: '', ownerPassword: 'owner-secret', permissions: { fillingForms: true } });
    const tmp = path.join(process.env.TMPDIR ?? '/tmp', `edit-enc-${process.pid}.pdf`);
    writeFileSync(tmp, await doc.save());
    const out = await runEdit(tmp, 'foo: Bar');
    expect(byKey(out).get('foo')!.value).toBe('Bar');
    const reread = await PDFDocument.load(filledBytes(out));
    expect(reread.getForm().getTextField('foo').getText()).toBe('Bar');
    await expect(runEdit(path.join(CORPUS, 'tricky_pdfs', 'pypdf_r6-user-password.pdf'), 'x: y')).rejects.toMatchObject({ code: 'password_required' });
  });
});

describe('edit engine on DOCX', () => {
  const base = path.join(CORPUS, 'office', 'docx', 'mammoth_single-paragraph.docx');

  it('fills {{placeholders}}, also when Word split them over several runs', async () => {
    const files = unzipSync(new Uint8Array(readFileSync(base)));
    const body = '<w:p><w:r><w:t>Dear {{first_</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>name}} {{last_name}},</w:t></w:r></w:p>'
      + '<w:p><w:r><w:t xml:space="preserve">Born: {{ date_of_birth }} &amp; {{unknown}}</w:t></w:r></w:p>';
    files['word/document.xml'] = strToU8(strFromU8(files['word/document.xml']).replace(/<w:body>/, `<w:body>${body}`));
    const tmp = path.join(process.env.TMPDIR ?? '/tmp', `edit-docx-${process.pid}.docx`);
    writeFileSync(tmp, zipSync(files));
    const out = await runEdit(tmp, 'First name: Łukasz\nLast name: Żółć <&>\nDate of birth: 4 March 1990');
    expect(out.filled_document.filename).toMatch(/_filled\.docx$/);
    expect(out.filled_document.url.startsWith('data:application/vnd.openxmlformats-officedocument.wordprocessingml.document;base64,')).toBe(true);
    const xml = strFromU8(unzipSync(filledBytes(out))['word/document.xml']);
    const text = [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    expect(text).toContain('Dear Łukasz Żółć &lt;&amp;&gt;,');
    expect(text).toContain('Born: 4 March 1990 &amp; {{unknown}}');
    expect(byKey(out).get('unknown')!.value).toBeNull();
    expect(byKey(out).get('first_name')).toMatchObject({ type: 'text', value: 'Łukasz' });
  });

  it('a DOCX without placeholders fails unsupported_format', async () => {
    await expect(runEdit(base, 'Name: x')).rejects.toMatchObject({ code: 'unsupported_format' });
  });
});

function firstInvoice(): string {
  return readdirSync(path.join(CORPUS, 'invoices', 'pdf')).filter((f: string) => f.endsWith('.pdf')).sort()[0];
}
