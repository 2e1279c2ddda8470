import { z } from 'zod';

export const productDtoSchema = z.object({
  sku: z.string().regex(/^SKU-/),
  name: z.string().min(1),
  priceCents: z.number().int().nonnegative(),
  currency: z.enum(['USD', 'EUR', 'GBP']),
  category: z.enum(['apparel', 'home', 'books', 'toys']),
  stock: z.number().int().nonnegative(),
  tags: z.array(z.string()).default([]),
});

export const productListSchema = z.array(productDtoSchema);

export const checkoutFormSchema = z.object({
  name: z.string().min(1, 'Please enter your name'),
  email: z.string().email('Please enter a valid email'),
  coupon: z.string().optional(),
});

export type ProductDto = z.infer<typeof productDtoSchema>;
export type CheckoutForm = z.infer<typeof checkoutFormSchema>;
