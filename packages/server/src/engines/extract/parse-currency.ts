// Currency detection: ISO 4217 codes from printed codes, symbols and words (€, $, £, ₹, Rs, zł, "euro" …).
// Never guesses: text without a currency mark gives null.
import { norm } from './normalize.ts';

const CODES = [
  'EUR', 'USD', 'GBP', 'INR', 'PLN', 'CHF', 'JPY', 'CNY', 'CAD', 'AUD', 'SEK', 'NOK', 'DKK', 'CZK', 'HUF', 'RON', 'BGN',
  'HKD', 'SGD', 'NZD', 'ZAR', 'BRL', 'MXN', 'RUB', 'TRY', 'AED', 'SAR', 'KRW', 'ILS', 'THB', 'MYR', 'IDR', 'PHP', 'VND',
  'UAH', 'NGN', 'EGP', 'ISK', 'HRK', 'TWD', 'ARS', 'CLP', 'COP', 'PEN', 'QAR', 'KWD', 'PKR', 'BDT', 'LKR', 'KES', 'MAD', 'MYR',
];
const CODE_SET = new Set(CODES);

/** Marks other than ISO codes, longest first so "US$" wins over "$". Matched on normalised text. */
const MARKS: [RegExp, string][] = [
  [/(?:us\$|usd\$)/g, 'USD'],
  [/(?:ca\$|c\$|can\$)/g, 'CAD'],
  [/(?:au\$|a\$)/g, 'AUD'],
  [/hk\$/g, 'HKD'],
  [/(?:s\$|sg\$)/g, 'SGD'],
  [/nz\$/g, 'NZD'],
  [/r\$/g, 'BRL'],
  [/€/g, 'EUR'],
  [/£/g, 'GBP'],
  [/₹/g, 'INR'],
  [/¥/g, 'JPY'],
  [/₽/g, 'RUB'],
  [/₩/g, 'KRW'],
  [/₪/g, 'ILS'],
  [/฿/g, 'THB'],
  [/₺/g, 'TRY'],
  [/₴/g, 'UAH'],
  [/₦/g, 'NGN'],
  [/\$/g, 'USD'],
  [/(?<![\p{L}])(?:euros?|eur\.)(?![\p{L}])/gu, 'EUR'],
  [/(?<![\p{L}])(?:us dollars?|u\.s\. dollars?|dollars?)(?![\p{L}])/gu, 'USD'],
  [/(?<![\p{L}])(?:pounds? sterling|sterling)(?![\p{L}])/gu, 'GBP'],
  [/(?<![\p{L}])(?:rs\.?|rupees?|inr)(?=[\s\d.]|$)/gu, 'INR'],
  [/(?<![\p{L}])(?:zl|zloty|zlotych|zlote|zlotys)(?![\p{L}])/gu, 'PLN'],
  [/(?<![\p{L}])(?:kc|korun)(?![\p{L}])/gu, 'CZK'],
  [/(?<![\p{L}])(?:fr\.|sfr\.?|franken)(?=[\s\d]|$)/gu, 'CHF'],
  [/(?<![\p{L}])(?:yen)(?![\p{L}])/gu, 'JPY'],
  [/(?<![\p{L}])(?:rm|ringgit)(?=\s?\d|\s*\)|\s*$)/gu, 'MYR'],
];

export interface CurrencyMention {
  code: string;
  index: number;
  /** How explicit the mention is: 2 for an ISO code beside a figure, 1 for a symbol or word, 0.5 for a
   *  bare upper-case code in running text (which may be a product code such as "SHOES KWD B05"). */
  strength: number;
}

/** Every currency mention in `text`, in order. */
export function findCurrencies(text: string): CurrencyMention[] {
  const n = norm(text);
  const found: CurrencyMention[] = [];
  const taken: [number, number][] = [];
  const codeRe = /(?<![\p{L}])([a-z]{3})(?![\p{L}])/gu;
  for (let m = codeRe.exec(text.toLowerCase()); m; m = codeRe.exec(text.toLowerCase())) {
    const code = text.slice(m.index, m.index + 3);
    // Only upper-case codes count: "eur" inside prose is handled by the word list, "can"/"try" are words.
    if (CODE_SET.has(code) && code === code.toUpperCase()) {
      const before = text.slice(Math.max(0, m.index - 12), m.index).trimEnd();
      const after = text.slice(m.index + 3, m.index + 15).trimStart();
      // Beside an amount with decimals ("USD 4.11", "148,83 PLN"); "SHOES KWD 805" is a product code.
      const besideFigure = /\d[.,]\d{2}$/.test(before) || /^[-−(]?\s?\d[\d.,' ]*[.,]\d{2}(?!\d)/.test(after);
      const alone = /[(:]$/.test(before) || /^\)/.test(after) || /\bin$/i.test(before);
      found.push({ code, index: m.index, strength: besideFigure ? 2 : alone ? 1.5 : 0.5 });
      taken.push([m.index, m.index + 3]);
    }
  }
  for (const [re, code] of MARKS) {
    re.lastIndex = 0;
    for (let m = re.exec(n); m; m = re.exec(n)) {
      const start = m.index;
      const end = start + m[0].length;
      if (taken.some(([a, b]) => start < b && end > a)) continue;
      taken.push([start, end]);
      found.push({ code, index: start, strength: 1 });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

/** The currency a short value names ("€", "EURO (EUR)", "zł", "US Dollars"), or null. */
export function parseCurrency(text: string): string | null {
  const all = findCurrencies(text);
  if (all.length === 0) return null;
  const strongest = all.find((c) => c.strength === 2) ?? all[0];
  return strongest.code;
}

/** The dominant currency of a whole text: most mentions, ISO codes counting double. Null when none. */
export function dominantCurrency(texts: string[]): string | null {
  const score = new Map<string, number>();
  for (const t of texts) for (const c of findCurrencies(t)) score.set(c.code, (score.get(c.code) ?? 0) + c.strength);
  let best: string | null = null;
  let bestScore = 0.99; // one bare code in running text is not enough
  for (const [code, s] of score) {
    if (s > bestScore) {
      best = code;
      bestScore = s;
    }
  }
  return best;
}

export function isCurrencyCode(s: string): boolean {
  return CODE_SET.has(s);
}
