export interface AppConfig {
  apiBaseUrl: string;
  currency: 'USD' | 'EUR' | 'GBP';
  version: string;
}

const DEFAULTS: AppConfig = { apiBaseUrl: '/api', currency: 'USD', version: 'dev' };

/** Runtime config: server-injected `window.__ACME_CONFIG__` over the defaults. */
export function loadConfig(): AppConfig {
  const injected = typeof window === 'undefined' ? undefined : window.__ACME_CONFIG__;
  return { ...DEFAULTS, ...injected, version: __APP_VERSION__ };
}
