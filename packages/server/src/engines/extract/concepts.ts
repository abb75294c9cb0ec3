// The multilingual label dictionary for common business-document fields (English, German, French, Dutch,
// Polish, Spanish, Italian): which field names select a concept, which printed labels announce its value
// (strong = specific, medium = generic, weak = fallback), and what kind of value it holds.

export type ValueKind = 'id' | 'date' | 'amount' | 'currency' | 'party' | 'text' | 'percent' | 'quantity';

export interface Concept {
  id: string;
  /** Field-name phrases (space-separated words) that select this concept. */
  names: string[];
  strong: string[];
  medium: string[];
  weak: string[];
  value: ValueKind;
  /** Other concepts whose labels this one accepts at weak tier (a total may be printed as "amount due"). */
  fallback?: string[];
}

const L = (s: string): string[] => s.split('|').map((x) => x.trim()).filter(Boolean);

function c(id: string, value: ValueKind, names: string, strong: string, medium = '', weak = '', fallback?: string[]): Concept {
  return { id, value, names: L(names), strong: L(strong), medium: L(medium), weak: L(weak), fallback };
}

export const CONCEPTS: Concept[] = [
  c('invoice_number', 'id',
    'invoice number|invoice no|invoice num|invoice id|invoice ref|invoice reference|bill number|receipt number|document number|credit note number|booking id|invoice',
    'invoice number|invoice no|invoice nr|invoice num|invoice #|invoice id|bill no|bill number|receipt no|receipt number|document no|document number|' +
      'rechnungsnummer|rechnungsnr|rechnungs-nr|rechnung nr|rechnung-nr|rechnung no|belegnummer|beleg-nr|belegnr|' +
      'facture n°|facture no|facture numero|n° de facture|numero de facture|no de facture|n° facture|' +
      'factuurnummer|factuurnr|factuur nr|numer faktury|faktura nr|faktura vat nr|nr faktury|fakturanummer|' +
      'numero fattura|fattura n|fattura n°|factura no|factura n°|numero de factura|credit note no|credit note number|gutschriftsnummer|avoir n°|numero d avoir',
    'invoice|rechnung|facture|factuur|faktura|fattura|factura|avoir|gutschrift|credit note|handelsrechnung|booking id|tax invoice',
    'nr|no|number|nummer|numero|n°|#'),
  c('date', 'date',
    'date|invoice date|issue date|date of issue|issued|issued on|billing date|document date|receipt date|invoice dt',
    'invoice date|date of invoice|invoice dt|date issued|issue date|date of issue|issued on|billing date|bill date|receipt date|document date|' +
      'rechnungsdatum|belegdatum|ausstellungsdatum|datum der rechnung|date de facture|date de facturation|date facture|date d emission|' +
      "factuurdatum|factuur datum|data wystawienia|data faktury|fecha de factura|fecha de emision|data fattura|data della fattura|fakturadatum",
    'date|datum|data|fecha|dated'),
  c('due_date', 'date',
    'due date|due|payment due|due on|date due|pay by|payment date|deadline|expiry date',
    'due date|payment due|due on|date due|pay by|payment due date|zahlungsziel|falligkeit|fallig am|fallig|zahlbar bis|falligkeitsdatum|' +
      'date d echeance|echeance|date limite de paiement|date limite|vervaldatum|vervaldag|uiterste betaaldatum|termin platnosci|' +
      'fecha de vencimiento|scadenza|data scadenza'),
  c('order_date', 'date', 'order date|date of order|purchase date',
    'order date|date of order|bestelldatum|auftragsdatum|orderdatum|date de commande|data zamowienia|besteldatum'),
  c('delivery_date', 'date', 'delivery date|ship date|shipment date|service date|sale date|period',
    'delivery date|ship date|shipment date|shipping date|service date|lieferdatum|leistungsdatum|liefer- und leistungsdatum|liefer-/leistungsdatum|' +
      'date de livraison|leverdatum|leveringsdatum|data sprzedazy|data dostawy|date de debut de prestation|date de fin de prestation|' +
      'check in|check out|abrechnungszeitraum|billing period|leistungszeitraum'),
  c('order_number', 'id', 'order number|order id|order no|order ref|sales order',
    'order id|order no|order number|order #|ordernummer|auftragsnummer|auftrags-nr|auftragsnr|numer zamowienia|n° bon de vente|sales order'),
  c('purchase_order', 'id', 'purchase order|po number|po|po no|customer order|your order|buyer reference',
    'purchase order|purchase order number|po number|po no|po #|p.o. number|your order|ihre auftragsnummer|ihre bestellung|ihre bestellnummer|' +
      'bestellnummer|bestell-nr|n° bon de commande|bon de commande|numero de commande|n° de commande|votre commande|uw ordernummer'),
  c('customer_number', 'id', 'customer number|customer id|customer no|account number|account no|client number|client id',
    'customer number|customer no|customer id|account number|account no|account #|kundennummer|kunden-nr|kundennr|debitorennummer|' +
      'klantnummer|n° de client|numero client|id.client|id client|client id|numer klienta'),
  c('related_invoice', 'id', 'related invoice|original invoice|referenced invoice',
    'facture associee|n° de facture associee|date de facture associee|facture liee|related invoice|original invoice|referenced invoice|bezugsrechnung'),
  c('vat_id', 'id', 'vat id|vat number|vat no|tax id|tax number|vat|tin|gstin|vat reg|vat registration',
    'vat id|vat number|vat no|vat reg no|vat registration no|vat registration number|tax id|vat/tin|gstin|ust-idnr|ust-id-nr|ust.-id.-nr|ustid|ust-id|' +
      'umsatzsteuer-id|n° tva|numero de tva|n° de tva intracommunautaire|tva intracommunautaire|btw nummer|btw-nummer|btw nr|uw btw nummer|nip|cif|nif|partita iva',
    'tin|btw|tva'),
  c('iban', 'id', 'iban|bank account|account iban', 'iban'),
  c('subtotal', 'amount', 'subtotal|sub total|net amount|net total|total net|amount net|total excl tax|total excluding tax|net|total before tax|total ht',
    'subtotal|sub total|sub-total|net amount|total net|total excl. vat|total excl vat|total excluding vat|total before tax|amount before tax|' +
      'total ht|montant ht|total hors taxe|sous-total|sous total|nettobetrag|zwischensumme|summe netto|rechnungssumme netto|positionssumme|' +
      'rechnungssumme ohne ust|gesamtbetrag netto|positionen netto|exclusief btw|subtotaal|totaal excl. btw|wartosc netto|razem netto|suma netto|' +
      'imponibile|base imponible|netto eur|total charges',
    'netto|net'),
  c('tax', 'amount', 'tax|vat|tax amount|vat amount|sales tax|gst|total tax|total vat|taxes',
    'tax amount|vat amount|sales tax|total tax|total vat|mwst|umsatzsteuer|steuerbetrag|mehrwertsteuer|zuzuglich mwst|montant tva|total tva|' +
      'kwota vat|podatek vat|btw bedrag|iva',
    'tax|vat|gst|tva|btw|ust|taxes'),
  c('charges', 'amount', 'charges|allowances',
    'gesamtbetrag der zuschlage|gesamtbetrag der abschlage|erhaltene anzahlungen|prepaid amount|acompte|paid amount|zaplacono|amount paid'),
  c('total', 'amount',
    'total|grand total|total amount|amount total|invoice total|total gross|gross total|gross amount|total incl vat|total including tax|amount|total price',
    'grand total|total amount|invoice total|total for this invoice|total incl. vat|total including vat|total inc vat|total incl vat|total ttc|montant ttc|' +
      'total facture|bruttosumme|gesamtbetrag|gesamtsumme|endsumme|endbetrag|rechnungsbetrag|rechnungssumme brutto|rechnungssumme|summe gesamt|' +
      'gesamt brutto|totalbetrag|factuur totaal|totaal incl. btw|totaalbedrag|razem|razem brutto|wartosc brutto|kwota brutto|totale fattura|' +
      'importe total|total a pagar|montant total|invoice amount',
    'total|totaal|summe|gesamt|totale|suma|brutto',
    '',
    ['amount_due']),
  c('amount_due', 'amount', 'amount due|balance due|total due|amount payable|balance|amount to pay|payable',
    'amount due|balance due|total amount due|total due|amount payable|payable amount|amount to pay|zahlbetrag|zu zahlen|offener betrag|restbetrag|' +
      'net a payer|montant a payer|somme a payer|reste a payer|te betalen|openstaand bedrag|do zaplaty|pozostalo do zaplaty|montant du prelevement|importe a pagar',
    'balance|solde'),
  c('total_quantity', 'quantity', 'total quantity|total qty|item count|number of items',
    'total qty|total quantity|tot qty|total items|number of items|anzahl artikel|nombre d articles|aantal artikelen'),
  c('currency', 'currency', 'currency|currency code|iso currency',
    'currency|wahrung|devise|valuta|waluta|moneda|beträge in|betrage in|amounts in|all charges and prices are in'),
  c('vendor', 'party', 'vendor|seller|supplier|issuer|merchant|company|provider|sold by|from|biller|vendor name|seller name|supplier name',
    'vendor|seller|supplier|sold by|issuer|verkaufer|lieferant|anbieter|rechnungssteller|vendeur|fournisseur|emetteur|leverancier|verkoper|' +
      'sprzedawca|wystawca|service provider|merchant|billed by|seller trade name|beneficiaire|payee'),
  c('customer', 'party', 'customer|client|buyer|bill to|billed to|recipient|purchaser|customer name|client name|buyer name|sold to|guest|guest name',
    'bill to|billed to|sold to|invoice to|customer|client|buyer|purchaser|billing address|kaufer|kunde|rechnungsempfanger|leistungsempfanger|' +
      'kaufer/leistungsempfanger|rechnungsadresse|acheteur|adresse du client|adresse de facturation|factuuradres|klant|afnemer|nabywca|odbiorca|' +
      'guest name|nom de l abonne|abonne|cliente'),
  c('ship_to', 'party', 'ship to|shipping address|delivery address|deliver to',
    'ship to|shipping address|delivery address|deliver to|lieferadresse|lieferanschrift|adresse de livraison|afleveradres|leveradres|adres dostawy|' +
      'abweichender warenempfanger|warenempfanger'),
  c('payment_terms', 'text', 'payment terms|terms|payment conditions',
    'payment terms|terms of payment|zahlungsbedingungen|zahlungsbedingung|conditions de paiement|betalingsvoorwaarden|warunki platnosci'),
  c('payment_method', 'text', 'payment method|payment mode|payment type',
    'payment method|payment mode|zahlungsart|zahlungsform|mode de paiement|moyen de paiement|modes de reglement|metoda platnosci|betaalwijze'),
  c('email', 'text', 'email|e mail|mail|email address', 'email|e-mail|mail|courriel'),
  c('phone', 'text', 'phone|telephone|tel|phone number|mobile', 'phone|telephone|tel|telefon|tel.|telefoon|mobile'),
];

/** Columns of line-item tables. */
export const COLUMN_CONCEPTS: Concept[] = [
  c('description', 'text', 'description|item|name|product|title|article|designation|service|label|details|text',
    'description|item|items|article|artikel|product|title|designation|libelle|bezeichnung|beschreibung|artikelbeschreibung|omschrijving|nazwa|opis|' +
      'service|leistung|detail|particulars|nom & designation|produit|prestation|artikelomschrijving|descripcion|descrizione'),
  c('quantity', 'quantity', 'quantity|qty|count|units|number of units|amount of units',
    'quantity|qty|qte|menge|anzahl|aantal|hoeveelheid|ilosc|quantite|nombre|cantidad|quantita|menge einheit|units'),
  c('unit_price', 'amount', 'unit price|price|rate|unit cost|price per unit|unit amount|net price',
    'unit price|price|rate|unit cost|preis|einzelpreis|vk-preis|preis/einh|preis/einh €|stuckpreis|p.u. ht|prix unitaire|prix|prijs|prijs per stuk|stukprijs|' +
      'cena|cena netto|cena jedn|nettopreis|precio|prezzo|price per unit|unit price excl. vat|p.u.'),
  c('amount', 'amount', 'amount|line total|total|line amount|total price|net amount|subtotal|price total',
    'amount|line total|total|line amount|betrag|gesamt|gesamtpreis|zeilenbetrag|nettobetrag|montant|montant ht|total ht|prix ht|bedrag|' +
      'prijs incl. btw|totaal|wartosc|wartosc netto|importe|importo|net amount|gesamt €|line amount excl. vat'),
  c('tax_rate', 'percent', 'tax rate|vat rate|tax percent|vat percent|rate of tax',
    'tax %|vat %|tax(%)|mwst %|taxes|tva|btw|stawka|steuersatz|vat %|btw %|taux'),
];

export const ALL_CONCEPTS = [...CONCEPTS, ...COLUMN_CONCEPTS];
export const CONCEPT_BY_ID = new Map(CONCEPTS.map((x) => [x.id, x]));

/** Words that name common enum values (document kinds) in other languages, for enum fields without a label. */
export const ENUM_SYNONYMS: Record<string, string[]> = {
  invoice: ['invoice', 'rechnung', 'facture', 'factuur', 'faktura', 'fattura', 'factura', 'tax invoice'],
  receipt: ['receipt', 'quittung', 'kassenbon', 'kassenbeleg', 'recu', 'ticket de caisse', 'kassabon', 'paragon', 'ricevuta', 'recibo', 'payment receipt'],
  'credit note': ['credit note', 'credit memo', 'gutschrift', 'avoir', 'creditnota', 'faktura korygujaca', 'nota di credito', 'nota de credito'],
  'purchase order': ['purchase order', 'bestellung', 'bon de commande', 'inkooporder', 'zamowienie'],
  quote: ['quote', 'quotation', 'angebot', 'devis', 'offerte', 'oferta', 'preventivo'],
  'delivery note': ['delivery note', 'lieferschein', 'bon de livraison', 'pakbon', 'dowod dostawy'],
};
