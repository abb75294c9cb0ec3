// The document kinds the local classifier knows, in several languages: the words that name a kind (matched
// against category names and against a document's title) and the printed cues that betray it (labels such
// as "Invoice No." or "Cashier", blanks and checkboxes of forms, negative totals of credit notes).

export interface Cue {
  /** Human name of the cue, used in reasoning ("label", "total line" …). */
  what: string;
  re: RegExp;
  weight: number;
  /** Where it must stand: 'start' = within the first three words of a cell; 'label' = there and followed by
   *  a colon, another cell or a figure on the line. */
  at?: 'label' | 'start';
  /** Cues count only in cells of at most ten words (eight when `short`), never in running prose,
   *  unless `long`. */
  short?: boolean;
  long?: boolean;
  /** How many occurrences count (weight each); default 1. */
  max?: number;
}

export interface Kind {
  id: string;
  /** Phrases naming the kind (normalised: lower case, no accents). */
  names: string[];
  /** Names that count only as a title, never as a mention in running text (ambiguous words). */
  titleOnly?: string[];
  cues: Cue[];
  /** Shares the cues of money documents (total line, line-item table, amounts). */
  money?: boolean;
}

const re = (s: string) => new RegExp(s, 'u');

export const KINDS: Kind[] = [
  {
    id: 'invoice',
    money: true,
    names: ['invoice', 'tax invoice', 'commercial invoice', 'bill', 'rechnung', 'handelsrechnung', 'facture', 'factuur', 'faktura', 'fattura', 'factura'],
    cues: [
      { what: 'label', re: re(String.raw`\b(?:invoice|rechnungs?|facture|factuur|faktura|fattura|factura|bill)\s*(?:no|nr|number|num|nummer|numero|n°|#|id)(?!\p{L})|rechnungsnr|rechnungsnummer|factuurnummer|fakturanummer|numero de facture|n° de facture|faktura nr`), weight: 2 },
      { what: 'label', re: re(String.raw`\b(?:invoice|factuur|facture|faktura|fattura)\s*(?:date|datum|data)\b|rechnungsdatum|factuurdatum|date de facture|data wystawienia|belegdatum|date of issue`), weight: 1.5 },
      { what: 'label', re: re(String.raw`due date|payment due|date due|zahlungsziel|falligkeit|zahlbar bis|echeance|date limite de paiement|vervaldatum|termin platnosci|scadenza|pay by`), weight: 1.5 },
      { what: 'label', re: re(String.raw`payment terms|terms of payment|zahlungsbedingung|conditions de paiement|betalingsvoorwaarden|\bnet \d+ days|\d+ tage netto`), weight: 1 },
      { what: 'bank details', re: re(String.raw`\biban\b|\bbic\b|\bswift\b|bankverbindung|bank details|kontonummer|\bblz\b|\bifsc\b`), weight: 1 },
      { what: 'label', re: re(String.raw`bill to|billed to|invoice to|billing address|rechnungsadresse|factuuradres|adresse de facturation|\bnabywca\b|rechnungsempfanger`), weight: 1 },
      { what: 'label', re: re(String.raw`vat (?:id|no|number|reg)|ust-?id|ust\.?-?idnr|tva intracom|n° tva|btw[ -]?(?:nr|nummer)|\bnip\b|\bgstin\b|tax id|steuernummer|siret`), weight: 0.8 },
      { what: 'label', re: re(String.raw`customer (?:no|number|id)|kunden-?nr|kundennummer|klantnummer|n° de client|debitorennummer|id\.?client|account number`), weight: 0.8 },
      { what: 'label', re: re(String.raw`subtotal|sub total|total ht|montant ht|nettobetrag|zwischensumme|exclusief btw|wartosc netto|total excl|positionssumme|rechnungssumme|summe netto`), weight: 0.8 },
      { what: 'label', re: re(String.raw`order (?:no|number|id|date)|ordernummer|auftragsnummer|purchase order|po number|bestellnummer|your reference|votre reference|ihre bestellung`), weight: 0.5 },
    ],
  },
  {
    id: 'receipt',
    money: true,
    names: ['receipt', 'payment receipt', 'sales receipt', 'cash receipt', 'cash bill', 'cash sale', 'simplified tax invoice', 'quittung', 'kassenbon', 'kassenbeleg', 'recu', 'ticket de caisse', 'kassabon', 'paragon', 'ricevuta', 'recibo', 'till receipt'],
    cues: [
      { what: 'cashier', re: re(String.raw`\bcashier\b|\bkassierer|\bcaissier|\bkassa\b|\bpos\s?\d|\bterminal\b|\bs/p\b|sales ?person`), weight: 2.5, at: 'label' },
      { what: 'change given', re: re(String.raw`^change\b|\bchange\s*(?:\(\w+\))?\s*:|change due|ruckgeld|wisselgeld|\brendu\b`), weight: 2, at: 'label' },
      { what: 'cash payment', re: re(String.raw`\bcash\b|\bespeces\b|\bcontant\b|\bbar bezahlt`), weight: 1.5, at: 'label' },
      { what: 'tender', re: re(String.raw`\btender(?:ed)?\b|\bgegeben\b`), weight: 1.5, at: 'label' },
      { what: 'rounding', re: re(String.raw`^round(?:ing)?\b|round(?:ing)? (?:amt|adj)|\brundung\b|\barrondi`), weight: 1, at: 'label' },
      { what: 'thanks', re: re(String.raw`thank you|thanks for|come again|have a nice day|vielen dank fur ihren einkauf|merci de votre visite|bedankt voor`), weight: 1.5 },
      { what: 'card payment', re: re(String.raw`approval code|auth(?:orization)? code|\bvisa\b|mastercard|\bdebit\b|card no|x{4,}\d{3,4}`), weight: 1, max: 2 },
      { what: 'time of sale', re: re(String.raw`\b\d{1,2}:\d{2}:\d{2}\b|\b\d{1,2}:\d{2}\s?(?:am|pm)\b`), weight: 1 },
      { what: 'label', re: re(String.raw`receipt\s*(?:#|no|nr|number)|\bbon-?nr|beleg-?nr|kassenbon|bill no|table no|\bbizdate\b`), weight: 2 },
      { what: 'payment received', re: re(String.raw`payment received|paid through|amount paid|cash received|\bpaid\b|\bbezahlt\b|\bpaye\b`), weight: 1.5 },
      { what: 'return policy', re: re(String.raw`not returnable|non-?refundable|exchanges? (?:are|and|&|may)|no refunds?`), weight: 1 },
      { what: 'item count', re: re(String.raw`total qty|tot qty|total items?|\bitems?\s*:?\s*\d+\b|qty\s*:\s*\d`), weight: 1 },
    ],
  },
  {
    id: 'credit_note',
    money: true,
    names: ['credit note', 'credit memo', 'credit', 'creditnota', 'gutschrift', 'rechnungskorrektur', 'nota di credito', 'nota de credito', 'faktura korygujaca', 'refund'],
    titleOnly: ['avoir'],
    cues: [
      { what: 'label', re: re(String.raw`credit note (?:no|nr|number|#)|gutschriftsnummer|gutschrift nr|avoir n°|numero d avoir|creditnota nr`), weight: 2 },
      { what: 'reference to the corrected invoice', re: re(String.raw`facture liee|facture associee|related invoice|original invoice|bezugsrechnung|corrected invoice|referenced invoice|factuur referentie`), weight: 1.5 },
    ],
  },
  {
    id: 'form',
    names: ['form', 'forms', 'application for', 'application form', 'questionnaire', 'registration form', 'formular', 'formulaire', 'antrag', 'survey', 'enrollment', 'fillable form', 'tax return'],
    cues: [
      { what: 'blanks to fill', re: re(String.raw`_{4,}`), weight: 1, max: 3, long: true },
      { what: 'questions to answer', re: re(String.raw`^[^.!]{3,60}\?\s*$`), weight: 0.5, max: 4, short: true },
      { what: 'checkboxes', re: re(String.raw`[☐☑☒□■▢]|\[\s?\]|\(\s\)`), weight: 1, max: 3, long: true },
      {
        what: 'field labels',
        re: re(String.raw`\bform\b|formular|formulaire|application for|please print|check one|check (?:all|if|here|only)|\bselect\b|enter (?:your|the)|fill (?:in|out)|signature|date of birth|birthday|first name|last name|middle initial|gender|\bsex\b|nationality|social security|\bzip\b|marital|applicant|\bdob\b|\bfields?\b`),
        weight: 0.5,
        max: 6,
        at: 'start',
        short: true,
      },
    ],
  },
  { id: 'purchase_order', money: true, names: ['purchase order', 'order', 'bestellung', 'bon de commande', 'inkooporder', 'zamowienie', 'ordine'], cues: [] },
  { id: 'quote', money: true, names: ['quote', 'quotation', 'estimate', 'angebot', 'devis', 'offerte', 'oferta', 'preventivo', 'proposal'], cues: [] },
  { id: 'delivery_note', names: ['delivery note', 'packing slip', 'packing list', 'lieferschein', 'bon de livraison', 'pakbon', 'dowod dostawy'], cues: [] },
  { id: 'bank_statement', money: true, names: ['bank statement', 'account statement', 'statement', 'kontoauszug', 'releve de compte', 'rekeningafschrift'], cues: [] },
  { id: 'payslip', money: true, names: ['payslip', 'pay slip', 'pay stub', 'salary slip', 'lohnabrechnung', 'gehaltsabrechnung', 'bulletin de paie', 'fiche de paie', 'loonstrook'], cues: [] },
  { id: 'contract', names: ['contract', 'agreement', 'vertrag', 'contrat', 'overeenkomst', 'terms and conditions'], cues: [] },
  { id: 'letter', names: ['letter', 'correspondence', 'brief', 'lettre', 'memo'], cues: [] },
  { id: 'resume', names: ['resume', 'cv', 'curriculum vitae', 'lebenslauf'], cues: [] },
];

export const KIND_BY_ID = new Map(KINDS.map((k) => [k.id, k]));

/** Names of a catch-all category ("other", "misc" …): it wins when no specific kind has evidence. */
export const FALLBACK_NAMES = ['other', 'others', 'misc', 'miscellaneous', 'unknown', 'none', 'general', 'rest', 'anything else', 'unclassified', 'sonstige', 'autre', 'autres', 'overig'];

/** Kinds whose text is running prose (articles, essays, stories): the prose measure counts for them. */
export const PROSE_NAMES = ['prose', 'essay', 'article', 'paper', 'story', 'stories', 'text', 'report', 'book', 'chapter', 'poem', 'literature', 'document'];

/** Shared cues of money documents. */
export const TOTAL_LINE = re(String.raw`\b(?:grand )?total\b|\bsumme\b|\bgesamt|\btotaal\b|\bbruttosumme\b|\bzahlbetrag\b|\brazem\b|\bttc\b|\bdo zaplaty\b|amount due|balance due|net total`);
export const DISCOUNT_LINE = re(String.raw`abschlag|abschlage|zuschlag|zuschlage|discount|rabatt|remise|allowance|korting|credits?\b`);
