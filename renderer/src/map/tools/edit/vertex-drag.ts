import type { Map as MaplibreMap, MapMouseEvent, PointLike } from 'maplibre-gl';
import { EDIT_LAYERS } from './edit-overlay.js';
import { insertVertex, moveVertex, removeVertex, type Outline, type VertexRef } from './vertex-state.js';

/** Pixels around the pointer in which a handle counts as hit. */
const HIT_PX = 6;

/**
 * 编辑节点: drag a vertex handle to move it, drag an edge's midpoint handle to insert a vertex there,
 * right-click a vertex to remove it (a ring keeps three). The handles are drawn by EditOverlay; a
 * press on one stops the map from panning for that gesture. Every change reports the whole outline.
 */
export class VertexDrag {
  private outline: Outline | null = null;
  private dragging: VertexRef | null = null;
  private frame = 0;

  constructor(
    private readonly map: MaplibreMap,
    private readonly onChange: (outline: Outline, done: boolean) => void,
  ) {
    map.on('mousedown', this.onDown);
    map.on('mousemove', this.onHover);
    map.on('contextmenu', this.onContextMenu);
  }

  /** The outline whose handles are live (null: off). */
  set(outline: Outline | null): void {
    this.outline = outline;
    if (!outline) this.stop();
  }

  destroy(): void {
    this.stop();
    cancelAnimationFrame(this.frame);
    this.map.off('mousedown', this.onDown);
    this.map.off('mousemove', this.onHover);
    this.map.off('contextmenu', this.onContextMenu);
  }

  private handleAt(point: { x: number; y: number }): { kind: 'vertex' | 'midpoint'; ref: VertexRef } | null {
    const layers = [EDIT_LAYERS.vertices, EDIT_LAYERS.midpoints].filter((id) => this.map.getLayer(id));
    if (!this.outline || layers.length === 0) return null;
    const box: [PointLike, PointLike] = [[point.x - HIT_PX, point.y - HIT_PX], [point.x + HIT_PX, point.y + HIT_PX]];
    const hits = this.map.queryRenderedFeatures(box, { layers });
    // Vertices win over midpoints when both are under the pointer.
    const hit = hits.find((f) => f.properties['role'] === 'vertex') ?? hits[0];
    if (!hit) return null;
    const p = hit.properties;
    return { kind: p['role'] === 'vertex' ? 'vertex' : 'midpoint', ref: { part: Number(p['part']), ring: Number(p['ring']), index: Number(p['index']) } };
  }

  private readonly onDown = (e: MapMouseEvent): void => {
    if (e.originalEvent.button !== 0) return;
    const h = this.handleAt(e.point);
    if (!h || !this.outline) return;
    e.preventDefault();
    if (h.kind === 'midpoint') {
      this.outline = insertVertex(this.outline, h.ref, [e.lngLat.lng, e.lngLat.lat]);
      this.dragging = { ...h.ref, index: h.ref.index + 1 };
      this.onChange(this.outline, false);
    } else this.dragging = h.ref;
    this.map.getCanvas().style.cursor = 'grabbing';
    this.map.on('mousemove', this.onDrag);
    this.map.once('mouseup', this.onUp);
  };

  private readonly onDrag = (e: MapMouseEvent): void => {
    if (!this.dragging || !this.outline) return;
    this.outline = moveVertex(this.outline, this.dragging, [e.lngLat.lng, e.lngLat.lat]);
    if (!this.frame) {
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        if (this.outline) this.onChange(this.outline, false);
      });
    }
  };

  private readonly onUp = (): void => {
    const outline = this.outline;
    this.stop();
    if (outline) this.onChange(outline, true);
  };

  private readonly onContextMenu = (e: MapMouseEvent): void => {
    const h = this.handleAt(e.point);
    if (!h || h.kind !== 'vertex' || !this.outline) return;
    e.preventDefault();
    this.outline = removeVertex(this.outline, h.ref);
    this.onChange(this.outline, true);
  };

  private readonly onHover = (e: MapMouseEvent): void => {
    if (this.dragging || !this.outline) return;
    if (this.handleAt(e.point)) this.map.getCanvas().style.cursor = 'move';
  };

  private stop(): void {
    if (this.dragging) this.map.getCanvas().style.cursor = '';
    this.dragging = null;
    this.map.off('mousemove', this.onDrag);
    this.map.off('mouseup', this.onUp);
  }
}
