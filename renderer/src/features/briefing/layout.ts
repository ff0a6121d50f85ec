import { CSS_PX_PER_MM, PAPER_MM, PRINT_DPI, type PaperSize } from '../../../../shared/api/briefing.js';

/**
 * The sheet is laid out once, in millimetres of an A4 landscape page; an A3 sheet is the same
 * layout scaled by √2 (a CSS transform keeps text and lines vector in the PDF). Tests crop the
 * rendered PDF to MAP_FRAME_MM to look for the parcels' colours, so the map sits exactly there.
 */
export const LAYOUT_MM = PAPER_MM.A4;
export const MARGIN_MM = 10;
export const HEADER_MM = 17;

/** The map frame, from the sheet's top-left corner (A4 millimetres). */
export const MAP_FRAME_MM = { left: MARGIN_MM, top: MARGIN_MM + HEADER_MM + 3, width: 150, height: 122 } as const;

/** How much larger than the A4 layout the sheet is printed. */
export function paperScale(paper: PaperSize): number {
  return PAPER_MM[paper].width / LAYOUT_MM.width;
}

/** The map frame in CSS pixels of the layout. */
export function mapFrameCssPx(): { width: number; height: number } {
  return { width: Math.round(MAP_FRAME_MM.width * CSS_PX_PER_MM), height: Math.round(MAP_FRAME_MM.height * CSS_PX_PER_MM) };
}

/**
 * Canvas pixels per layout CSS pixel for print: PRINT_DPI on paper, A3 scale included, never below
 * the screen's own ratio (so the on-screen preview is sharp too).
 */
export function printPixelRatio(paper: PaperSize, devicePixelRatio = 1): number {
  return Math.max((PRINT_DPI / 96) * paperScale(paper), devicePixelRatio);
}
