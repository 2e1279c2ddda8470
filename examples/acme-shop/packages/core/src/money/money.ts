import { Currency, type CurrencyCode } from './currency';

/** An amount of money in minor units (cents), immutable. */
export class Money {
  private constructor(
    readonly cents: number,
    readonly currency: CurrencyCode,
  ) {}

  static fromCents(cents: number, currency: CurrencyCode = Currency.DEFAULT): Money {
    if (!Number.isInteger(cents)) {
      throw new RangeError(`Money needs whole cents, got ${cents}`);
    }
    return new Money(cents, currency);
  }

  static of(amount: number, currency: CurrencyCode = Currency.DEFAULT): Money {
    return Money.fromCents(Math.round(amount * 100), currency);
  }

  static zero(currency: CurrencyCode = Currency.DEFAULT): Money {
    return new Money(0, currency);
  }

  add(other: Money): Money {
    this.assertSameCurrency(other);
    return new Money(this.cents + other.cents, this.currency);
  }

  subtract(other: Money): Money {
    this.assertSameCurrency(other);
    return new Money(Math.max(0, this.cents - other.cents), this.currency);
  }

  multiply(factor: number): Money {
    return new Money(Math.round(this.cents * factor), this.currency);
  }

  isZero(): boolean {
    return this.cents === 0;
  }

  greaterThan(other: Money): boolean {
    this.assertSameCurrency(other);
    return this.cents > other.cents;
  }

  toString(): string {
    return `${Currency.symbol(this.currency)}${(this.cents / 100).toFixed(2)}`;
  }

  private assertSameCurrency(other: Money): void {
    if (other.currency !== this.currency) {
      throw new TypeError(`Cannot mix ${this.currency} and ${other.currency}`);
    }
  }
}
