import { useCallback, useMemo, useReducer } from 'react';
import { ShoppingCart, type Product, type Sku } from '@shop/core';

/** A cart kept across renders; returns the cart and actions that re-render on change. */
export function useCart(cartId: string) {
  const cart = useMemo(() => new ShoppingCart(cartId), [cartId]);
  const [version, bump] = useReducer((n: number) => n + 1, 0);

  const add = useCallback(
    (product: Product, quantity = 1) => {
      cart.add(product, quantity);
      bump();
    },
    [cart],
  );

  const remove = useCallback(
    (sku: Sku) => {
      cart.remove(sku);
      bump();
    },
    [cart],
  );

  return { cart, version, add, remove };
}
