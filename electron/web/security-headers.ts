/**
 * Headers sent with every response of browser mode and every `app://` response in Electron.
 * The CSP allows only the app's own origin: no remote scripts, styles, fonts or connections
 * (the product works offline and an e2e test fails on any non-loopback request). maplibre-gl
 * needs `blob:` workers and `data:`/`blob:` images; WebAssembly needs 'wasm-unsafe-eval'.
 * A network basemap the user chose (XYZ/WMTS) adds its origins to img-src/connect-src: see
 * `securityHeaders(origins)`, used for the pages themselves.
 */
export function contentSecurityPolicy(networkOrigins: readonly string[] = []): string {
  // Origins come from the validated basemap setting (scheme://host[:port]); anything else is dropped.
  const extra = networkOrigins.filter((o) => /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/.test(o)).map((o) => ` ${o}`).join('');
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "worker-src 'self' blob:",
    "child-src 'self' blob:",
    `img-src 'self' data: blob:${extra}`,
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self' data:",
    `connect-src 'self'${extra}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** SECURITY_HEADERS with the CSP opened to a chosen network basemap's origins (none: the same headers). */
export function securityHeaders(networkOrigins: readonly string[]): Readonly<Record<string, string>> {
  if (networkOrigins.length === 0) return SECURITY_HEADERS;
  return { ...SECURITY_HEADERS, 'Content-Security-Policy': contentSecurityPolicy(networkOrigins) };
}
