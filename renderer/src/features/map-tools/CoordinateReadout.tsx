import { useEffect, useState } from 'react';
import type { MapMouseEvent } from 'maplibre-gl';
import { useTranslation } from 'react-i18next';
import type { MapController } from '../../map/map-controller.js';
import { formatDegrees, formatMetres, lonLatToGk, type GkPoint } from './gk-coords.js';

interface Reading {
  lon: number;
  lat: number;
  gk: GkPoint;
}

/**
 * The pointer's position in the map's corner (DESIGN §5a): CGCS2000 lon/lat to 6 decimals and the
 * bureau's grid, CGCS2000 3° Gauss-Krüger CM 120°E (EPSG:4549), to 0.01 m. Its own state, updated
 * once per animation frame, so a mouse move re-renders this line and nothing else.
 */
export function CoordinateReadout({ controller }: { controller: MapController | null }) {
  const { t } = useTranslation();
  const [reading, setReading] = useState<Reading | null>(null);

  useEffect(() => {
    if (!controller) return undefined;
    const map = controller.maplibre();
    let frame = 0;
    let last: { lng: number; lat: number } | null = null;
    const onMove = (e: MapMouseEvent): void => {
      last = e.lngLat;
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        if (last) setReading({ lon: last.lng, lat: last.lat, gk: lonLatToGk(last.lng, last.lat) });
      });
    };
    map.on('mousemove', onMove);
    return () => {
      cancelAnimationFrame(frame);
      map.off('mousemove', onMove);
    };
  }, [controller]);

  if (!reading) {
    return (
      <div className="map-coords" data-testid="coordinate-readout" data-empty="true">
        <span className="muted">{t('mapTools.noPointer')}</span>
      </div>
    );
  }
  const { lon, lat, gk } = reading;
  return (
    <div
      className="map-coords"
      data-testid="coordinate-readout"
      data-lon={lon}
      data-lat={lat}
      data-easting={gk.easting}
      data-northing={gk.northing}
      title={t('mapTools.gk')}
    >
      <span className="map-coords-part">
        <span className="map-coords-label">{t('mapTools.lonLat')}</span>
        <span className="num" data-testid="coords-lonlat">
          {formatDegrees(lon)}, {formatDegrees(lat)}
        </span>
      </span>
      <span className="map-coords-part">
        <span className="map-coords-label">EPSG:4549</span>
        <span className="num" data-testid="coords-gk">
          {t('mapTools.gkX')} {formatMetres(gk.northing)} {t('mapTools.gkY')} {formatMetres(gk.easting)}
        </span>
      </span>
    </div>
  );
}
