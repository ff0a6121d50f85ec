import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ProjectInfo } from '../../../../shared/api/contract.js';
import type { Dashboard } from '../../../../shared/api/dashboard.js';
import type { FeatureCard } from '../../../../shared/api/feature-card.js';
import type { FeatureCollection } from '../../../../shared/api/geojson.js';
import { LAYER_IDS, type LayerId, type LayerInfo } from '../../../../shared/api/layers.js';
import type { ParcelFacets } from '../../../../shared/api/parcel-facets.js';
import type { Settings } from '../../../../shared/api/settings.js';
import { tilePathTemplate } from '../../../../shared/api/tiles.js';
import { onContractEvent } from '../../api/events.js';
import type { ApiClient } from '../../api/planner-bridge.js';
import { parcelsAsTiles } from '../../app/use-project-data.js';
import type { TiledLayers } from '../../map/tiled-source.js';
import type { BriefingData } from './briefing-model.js';

type Layers = Partial<Record<LayerId, FeatureCollection>>;

interface Base {
  info: ProjectInfo;
  settings: Settings;
  layerInfo: LayerInfo[];
  layers: Layers;
  facets: ParcelFacets;
}

export interface BriefingDataHandle {
  data: BriefingData | null;
  loading: boolean;
  error: unknown;
}

/** The year and date asked for; undefined = let the core choose, as the dashboard does. */
export interface FiguresRequest {
  year?: number | undefined;
  asOf?: string | undefined;
}

/** The layers drawn from tiles as the main map draws them (map/tiled-source.ts); the others as GeoJSON. */
function tiledLayers(api: ApiClient): TiledLayers {
  return parcelsAsTiles(window.location.search) ? { parcels: api.resourceUrl(tilePathTemplate('parcels')) } : {};
}

async function loadBase(api: ApiClient, tiled: TiledLayers): Promise<Base> {
  const geojson = LAYER_IDS.filter((id) => tiled[id] === undefined);
  const [info, settings, layerInfo, facets, ...collections] = await Promise.all([
    api.projectInfo({}),
    api.getSettings({}),
    api.listLayers({}),
    api.parcelFacets({}),
    ...geojson.map((layer) => api.layerFeatures({ layer })),
  ]);
  const layers: Layers = {};
  geojson.forEach((id, i) => {
    const c = collections[i];
    if (c) layers[id] = c;
  });
  return { info, settings, layerInfo, facets, layers };
}

/**
 * The briefing's data: the project summary and settings, the dashboard's numbers at the chosen
 * year and date (the same `dashboard` call as the dashboard, so every figure equals it), the map
 * layers (parcels come as the core's vector tiles, as on the main map), the parcel counts by status
 * and block (parcelFacets) and, for a renewal-zone page, the zone's card (its parcels). `live`
 * refetches after dataChanged (the in-app view); the print route loads once.
 */
export function useBriefingData(api: ApiClient, request: FiguresRequest, live: boolean, enabled = true, zoneCode: string | null = null): BriefingDataHandle {
  const tiled = useMemo(() => tiledLayers(api), [api]);
  const [base, setBase] = useState<Base | null>(null);
  const [dashboard, setDashboard] = useState<Dashboard | null>(null);
  const [zoneCards, setZoneCards] = useState<Readonly<Record<string, FeatureCard>>>({});
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [revision, setRevision] = useState(0);
  const generation = useRef(0);

  const { year, asOf } = request;
  useEffect(() => {
    if (!enabled) return undefined;
    let current = true;
    loadBase(api, tiled).then(
      (b) => current && setBase(b),
      (err: unknown) => current && setError(err),
    );
    return () => {
      current = false;
    };
  }, [api, tiled, enabled, revision]);

  useEffect(() => {
    if (!enabled) return;
    const gen = ++generation.current;
    setLoading(true);
    api.dashboard({ ...(year !== undefined ? { year } : {}), ...(asOf !== undefined ? { asOf } : {}) }).then(
      (d) => {
        if (gen !== generation.current) return;
        setDashboard(d);
        setLoading(false);
      },
      (err: unknown) => {
        if (gen !== generation.current) return;
        setLoading(false);
        setError(err);
      },
    );
  }, [api, enabled, year, asOf, revision]);

  // A zone page lists the zone's parcels by status: the core finds them (zone_code), the renderer holds no parcels.
  const zoneFid = zoneCode ? base?.layers.renewal_zones?.features.find((f) => f.properties['code'] === zoneCode)?.id : undefined;
  const cardYear = dashboard?.goals.year;
  useEffect(() => {
    if (!enabled || !zoneCode || typeof zoneFid !== 'number' || cardYear === undefined) return undefined;
    let current = true;
    api.featureCard({ layer: 'renewal_zones', fid: zoneFid, year: cardYear }).then(
      (card) => current && setZoneCards((c) => ({ ...c, [zoneCode]: card })),
      (err: unknown) => current && setError(err),
    );
    return () => {
      current = false;
    };
  }, [api, enabled, zoneCode, zoneFid, cardYear, revision]);

  const refresh = useCallback(() => setRevision((r) => r + 1), []);
  useEffect(() => (live && enabled ? onContractEvent(api, 'dataChanged', refresh) : undefined), [api, live, enabled, refresh]);

  const data = useMemo(() => (base && dashboard ? { ...base, dashboard, tiled, zoneCards } : null), [base, dashboard, tiled, zoneCards]);
  return { data, loading: loading || !base, error };
}
