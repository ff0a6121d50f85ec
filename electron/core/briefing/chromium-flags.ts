/**
 * Headless Chromium with WebGL through SwiftShader (software GL, DESIGN §6), without its
 * background traffic: what the briefing printer starts (chromium-renderer.ts adds its printing
 * flags), and what the end-to-end tests and benchmarks start (tests/helpers/chromium.ts).
 */
export const HEADLESS_CHROMIUM_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--use-gl=angle',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
