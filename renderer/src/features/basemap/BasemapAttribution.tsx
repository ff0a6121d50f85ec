import type { BasemapView } from '../../map/basemap-style.js';

/** The basemap's attribution (e.g. 天地图's, which its terms ask to show) in the map's corner. */
export function BasemapAttribution({ view }: { view: BasemapView | null }) {
  const text = !view || !view.visible ? '' : view.kind === 'raster' ? view.base.attribution : view.attribution;
  if (!text) return null;
  return (
    <div className="basemap-attribution" data-testid="basemap-attribution">
      {text}
    </div>
  );
}
