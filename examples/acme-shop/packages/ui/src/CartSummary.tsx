import type { ShoppingCart, Sku } from '@shop/core';
import { Button } from './Button';
import { PriceTag } from './PriceTag';

export interface CartSummaryProps {
  cart: ShoppingCart;
  onCheckout: () => void;
  onRemove?: (sku: Sku) => void;
}

export default function CartSummary({ cart, onCheckout, onRemove }: CartSummaryProps) {
  if (cart.isEmpty()) {
    return <aside className="cart-summary cart-summary--empty">Your cart is empty.</aside>;
  }
  return (
    <aside className="cart-summary">
      <ul>
        {cart.items.map((line) => (
          <li key={line.product.sku}>
            {line.quantity} × {line.product.name}{' '}
            <PriceTag price={line.product.price.multiply(line.quantity)} />
            {onRemove && (
              <Button variant="secondary" onClick={() => onRemove(line.product.sku)}>
                Remove
              </Button>
            )}
          </li>
        ))}
      </ul>
      <p className="cart-summary__subtotal">
        Subtotal: <PriceTag price={cart.subtotal()} />
      </p>
      <Button onClick={onCheckout}>Checkout ({cart.count})</Button>
    </aside>
  );
}
