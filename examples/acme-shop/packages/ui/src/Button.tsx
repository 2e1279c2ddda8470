import type { ButtonHTMLAttributes, ReactNode } from 'react';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: 'primary' | 'secondary' | 'danger';
  busy?: boolean;
  children: ReactNode;
}

export function Button({ variant = 'primary', busy = false, className, children, ...rest }: ButtonProps) {
  const classes = ['acme-button', `acme-button--${variant}`, className].filter(Boolean).join(' ');
  return (
    <button type="button" className={classes} disabled={busy || rest.disabled} aria-busy={busy} {...rest}>
      {busy ? 'Please wait…' : children}
    </button>
  );
}
