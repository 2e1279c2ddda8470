import { useRef, useState, type FormEvent } from 'react';
import { Order, PricingEngine, type Customer, type ShoppingCart } from '@shop/core';
import { Button, PriceTag, TextInput } from '@shop/ui';
import { checkoutFormSchema } from '../api/schemas';
import { slugify } from '../util.js';

const engine = new PricingEngine([
  { code: 'SUMMER10', percentOff: 10, minSubtotalCents: 3_000 },
  { code: 'LOYAL5', percentOff: 5, loyaltyOnly: true },
]);

export interface CheckoutPageProps {
  cart: ShoppingCart;
  onPlaced: (order: Order) => void;
}

export function CheckoutPage({ cart, onPlaced }: CheckoutPageProps) {
  const nameRef = useRef<HTMLInputElement>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [coupon, setCoupon] = useState('');
  const quote = engine.quote(cart, undefined, coupon || undefined);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = checkoutFormSchema.safeParse(Object.fromEntries(new FormData(event.currentTarget)));
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message])));
      nameRef.current?.focus();
      return;
    }
    const customer: Customer = {
      id: slugify(parsed.data.email),
      name: parsed.data.name,
      email: parsed.data.email,
      loyaltyTier: 'none',
    };
    onPlaced(Order.fromCart(crypto.randomUUID(), cart, customer, engine, parsed.data.coupon));
  }

  return (
    <form className="checkout" onSubmit={handleSubmit} noValidate>
      <TextInput ref={nameRef} name="name" label="Full name" error={errors.name} />
      <TextInput name="email" type="email" label="Email" error={errors.email} />
      <TextInput name="coupon" label="Coupon" value={coupon} onChange={(event) => setCoupon(event.target.value)} />
      <dl>
        <dt>Subtotal</dt>
        <dd><PriceTag price={quote.subtotal} /></dd>
        <dt>Shipping</dt>
        <dd><PriceTag price={quote.shipping} /></dd>
        <dt>Total</dt>
        <dd><PriceTag price={quote.total} compareAt={quote.subtotal.add(quote.shipping)} /></dd>
      </dl>
      <Button type="submit" disabled={cart.isEmpty()}>
        Place order
      </Button>
    </form>
  );
}
