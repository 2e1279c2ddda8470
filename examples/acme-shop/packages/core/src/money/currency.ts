/** ISO 4217 currencies the shop sells in. */
export namespace Currency {
  export type Code = 'USD' | 'EUR' | 'GBP';

  export const DEFAULT: Code = 'USD';

  const SYMBOLS: Record<Code, string> = { USD: '$', EUR: '€', GBP: '£' };

  export function symbol(code: Code): string {
    return SYMBOLS[code];
  }

  export function isSupported(code: string): code is Code {
    return code in SYMBOLS;
  }
}

export type CurrencyCode = Currency.Code;
