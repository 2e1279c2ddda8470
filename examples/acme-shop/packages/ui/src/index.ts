export { Button, type ButtonProps } from './Button';
export { PriceTag, type PriceTagProps } from './PriceTag';
export { ProductCard } from './ProductCard';
export { TextInput } from './TextInput';
export { default as CartSummary } from './CartSummary';
export { ErrorBoundary } from './ErrorBoundary';
export { useCart } from './hooks/useCart';
