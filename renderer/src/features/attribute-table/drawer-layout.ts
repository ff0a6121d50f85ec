/**
 * Whether the attribute table's drawer is open and how tall, remembered on this computer (like a
 * desktop GIS remembers its panels; the project file is shared with colleagues and other GIS, so
 * the window's layout is not stored there).
 */
export interface DrawerLayout {
  open: boolean;
  /** CSS px, the drawer's whole height (bar and table). */
  height: number;
}

export const DRAWER_STORAGE_KEY = 'landplanner.attributeTable.drawer';
export const DEFAULT_DRAWER_LAYOUT: DrawerLayout = { open: false, height: 280 };
export const MIN_DRAWER_HEIGHT = 140;

/** The tallest the drawer may be: the map keeps at least 160 px. */
export function maxDrawerHeight(viewportHeight: number): number {
  return Math.max(MIN_DRAWER_HEIGHT, viewportHeight - 44 - 26 - 160);
}

export function clampDrawerHeight(height: number, viewportHeight: number): number {
  if (!Number.isFinite(height)) return DEFAULT_DRAWER_LAYOUT.height;
  return Math.round(Math.min(maxDrawerHeight(viewportHeight), Math.max(MIN_DRAWER_HEIGHT, height)));
}

/** A stored layout, each part falling back to its default on its own (a hand-edited value never throws). */
export function parseDrawerLayout(raw: string | null): DrawerLayout {
  if (!raw) return DEFAULT_DRAWER_LAYOUT;
  try {
    const v = JSON.parse(raw) as Partial<Record<keyof DrawerLayout, unknown>>;
    return {
      open: typeof v.open === 'boolean' ? v.open : DEFAULT_DRAWER_LAYOUT.open,
      height: typeof v.height === 'number' && Number.isFinite(v.height) ? v.height : DEFAULT_DRAWER_LAYOUT.height,
    };
  } catch {
    return DEFAULT_DRAWER_LAYOUT;
  }
}

export function loadDrawerLayout(storage: Pick<Storage, 'getItem'> | null): DrawerLayout {
  try {
    return parseDrawerLayout(storage?.getItem(DRAWER_STORAGE_KEY) ?? null);
  } catch {
    return DEFAULT_DRAWER_LAYOUT;
  }
}

export function saveDrawerLayout(storage: Pick<Storage, 'setItem'> | null, layout: DrawerLayout): void {
  try {
    storage?.setItem(DRAWER_STORAGE_KEY, JSON.stringify(layout));
  } catch {
    // Storage full or disabled (a private window): the layout is simply not remembered.
  }
}
