import { useEffect, useState } from 'react';
import { Catalog } from '@shop/core/catalog';
import type { Product } from '@shop/core/product';
import { CartSummary, ProductCard, TextInput, type useCart } from '@shop/ui';
import { fetchProducts } from '../api/client';

export interface ProductListPageProps {
  shopping: ReturnType<typeof useCart>;
  onCheckout: () => void;
}

export function ProductListPage({ shopping, onCheckout }: ProductListPageProps) {
  const [catalog, setCatalog] = useState(() => new Catalog());
  const [query, setQuery] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    fetchProducts(controller.signal)
      .then((products) => setCatalog(Catalog.of(products)))
      .catch((reason: unknown) => {
        if (!controller.signal.aborted) {
          setError(String(reason));
        }
      });
    return () => controller.abort();
  }, []);

  const visible: Product[] = query ? catalog.search(query) : catalog.inStock();

  return (
    <main className="product-list-page">
      <TextInput label="Search" value={query} onChange={(event) => setQuery(event.target.value)} />
      {error && <p role="alert">{error}</p>}
      <section className="product-grid">
        {visible.map((product) => (
          <ProductCard key={product.sku} product={product} onAddToCart={shopping.add} />
        ))}
      </section>
      <CartSummary cart={shopping.cart} onCheckout={onCheckout} onRemove={shopping.remove} />
    </main>
  );
}
