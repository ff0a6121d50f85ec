import { HEADLESS_CHROMIUM_FLAGS } from '../../electron/core/briefing/chromium-flags.js';

/** Debian's Chromium with SwiftShader WebGL, headless (DESIGN §6); shared by e2e tests and benchmarks. */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** The same flags the briefing printer starts Chromium with, without its printing ones. */
export const CHROMIUM_ARGS = HEADLESS_CHROMIUM_FLAGS;
