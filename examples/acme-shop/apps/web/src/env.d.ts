/** Ambient declarations for the web app (bundler features and build-time globals). */

declare module '*.css' {
  const classes: Readonly<Record<string, string>>;
  export default classes;
}

/** Injected by the bundler at build time, e.g. `1.4.0+3f2c1ab`. */
declare const __APP_VERSION__: string;

interface AcmeRuntimeConfig {
  apiBaseUrl: string;
  currency: 'USD' | 'EUR' | 'GBP';
}

interface Window {
  __ACME_CONFIG__?: Partial<AcmeRuntimeConfig>;
}
