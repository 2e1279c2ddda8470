import { OrderStatus } from '@shop/core/order';
import type { Order } from '@shop/core/order';
import { PriceTag } from '@shop/ui';
import { formatDate } from '../util.js';

const STATUS_LABELS: Record<OrderStatus, string> = {
  [OrderStatus.Pending]: 'Awaiting payment',
  [OrderStatus.Paid]: 'Paid',
  [OrderStatus.Shipped]: 'On its way',
  [OrderStatus.Delivered]: 'Delivered',
  [OrderStatus.Cancelled]: 'Cancelled',
};

export interface OrderHistoryPageProps {
  orders: readonly Order[];
}

/** Loaded lazily by App: most visitors never open their order history. */
export default function OrderHistoryPage({ orders }: OrderHistoryPageProps) {
  if (orders.length === 0) {
    return <p>You have not placed any orders yet.</p>;
  }
  return (
    <ol className="order-history">
      {orders.map((order) => (
        <li key={order.id}>
          <span>{formatDate(order.createdAt)}</span> <span>{STATUS_LABELS[order.status]}</span>{' '}
          <PriceTag price={order.total} />
        </li>
      ))}
    </ol>
  );
}
