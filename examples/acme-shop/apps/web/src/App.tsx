import { lazy, Suspense, useState } from 'react';
import type { Order } from '@shop/core';
import { ErrorBoundary, useCart } from '@shop/ui';
import { loadConfig } from './config';
import { CheckoutPage } from './pages/CheckoutPage';
import { ProductListPage } from './pages/ProductListPage';

const OrderHistoryPage = lazy(() => import('./pages/OrderHistoryPage'));

type View = 'shop' | 'checkout' | 'orders';

export function App() {
  const shopping = useCart('session-cart');
  const [view, setView] = useState<View>('shop');
  const [orders, setOrders] = useState<Order[]>([]);
  const { version } = loadConfig();

  function placed(order: Order) {
    setOrders((previous) => [order, ...previous]);
    setView('orders');
  }

  return (
    <ErrorBoundary onError={(error) => console.error('[acme-shop]', error)}>
      <nav>
        <button type="button" onClick={() => setView('shop')}>Shop</button>
        <button type="button" onClick={() => setView('orders')}>My orders</button>
        <small>v{version}</small>
      </nav>
      {view === 'shop' && <ProductListPage shopping={shopping} onCheckout={() => setView('checkout')} />}
      {view === 'checkout' && <CheckoutPage cart={shopping.cart} onPlaced={placed} />}
      {view === 'orders' && (
        <Suspense fallback={<p>Loading your orders…</p>}>
          <OrderHistoryPage orders={orders} />
        </Suspense>
      )}
    </ErrorBoundary>
  );
}
