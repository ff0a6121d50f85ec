import { useCallback, useState } from 'react';
import type { TallyParcelsInput } from '../../../../shared/api/dashboard.js';
import type { ApiClient } from '../../api/planner-bridge.js';
import type { MapHighlight } from './HighlightBanner.js';

export type DrillRequest = Omit<TallyParcelsInput, 'measure'> & { measure?: TallyParcelsInput['measure']; label: string };

export interface DrillDown {
  highlight: MapHighlight | null;
  drill(request: DrillRequest): Promise<void>;
  /** Highlights parcels known already (a block's parcels from its card). */
  show(highlight: MapHighlight): void;
  clear(): void;
}

/** From a figure to its parcels: asks the core which parcels are behind it and keeps them as the map's highlight. */
export function useDrillDown(api: ApiClient, report: (err: unknown) => void): DrillDown {
  const [highlight, setHighlight] = useState<MapHighlight | null>(null);
  const drill = useCallback(
    async ({ label, ...input }: DrillRequest): Promise<void> => {
      try {
        const parcels = await api.tallyParcels(input);
        setHighlight({ fids: parcels.map((p) => p.fid), label });
      } catch (err) {
        report(err);
      }
    },
    [api, report],
  );
  const clear = useCallback(() => setHighlight(null), []);
  return { highlight, drill, show: setHighlight, clear };
}
