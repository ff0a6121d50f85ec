/**
 * Headers sent with every response of browser mode and every `app://` response in Electron.
 * The CSP allows only the app's own origin: no remote scripts, styles, fonts or connections
 * (the product works offline and an e2e test fails on any non-loopback request). maplibre-gl
 * needs `blob:` workers and `data:`/`blob:` images; WebAssembly needs 'wasm-unsafe-eval'.
 * A configured remote basemap (XYZ) will need its origin added to img-src/connect-src here.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "child-src 'self' blob:",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};
