import type { ControlPosition, IControl, Map as MaplibreMap } from 'maplibre-gl';

const SVG = `<svg viewBox="0 0 24 32" width="22" height="30" aria-hidden="true">
  <polygon points="12,2 19,22 12,18 5,22" fill="#c62828" stroke="#5d1a1a" stroke-width="0.8"/>
  <polygon points="12,18 19,22 12,30 5,22" fill="#ffffff" stroke="#5d1a1a" stroke-width="0.8"/>
  <text x="12" y="15" text-anchor="middle" font-size="7" font-family="sans-serif" font-weight="700" fill="#ffffff">N</text>
</svg>`;

/**
 * A north arrow that turns with the map's bearing (DESIGN §5a); a click turns the map back to
 * north up. maplibre's compass would do the turning but is a zoom-control button, not a map
 * furniture a printed briefing expects.
 */
export class NorthArrowControl implements IControl {
  private map: MaplibreMap | null = null;
  private readonly el: HTMLButtonElement;
  private readonly needle: HTMLSpanElement;

  constructor(private readonly title: () => string) {
    this.el = document.createElement('button');
    this.el.type = 'button';
    this.el.className = 'planner-north-arrow';
    this.el.dataset.testid = 'north-arrow';
    this.needle = document.createElement('span');
    this.needle.className = 'planner-north-needle';
    this.needle.innerHTML = SVG;
    this.el.appendChild(this.needle);
    this.el.addEventListener('click', () => this.map?.resetNorth());
  }

  onAdd(map: MaplibreMap): HTMLElement {
    this.map = map;
    map.on('rotate', this.update);
    this.update();
    const group = document.createElement('div');
    group.className = 'maplibregl-ctrl planner-north-ctrl';
    group.appendChild(this.el);
    return group;
  }

  onRemove(): void {
    this.map?.off('rotate', this.update);
    this.el.parentElement?.remove();
    this.map = null;
  }

  getDefaultPosition(): ControlPosition {
    return 'top-right';
  }

  /** The label follows the interface language. */
  relabel(): void {
    this.el.title = this.title();
    this.el.setAttribute('aria-label', this.title());
  }

  private readonly update = (): void => {
    const bearing = this.map?.getBearing() ?? 0;
    this.needle.style.transform = `rotate(${-bearing}deg)`;
    this.el.dataset.bearing = String(bearing);
    this.relabel();
  };
}
