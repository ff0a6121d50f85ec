import '../../styles/map-tools.css';
import type { MapController } from '../../map/map-controller.js';
import { CoordinateReadout } from './CoordinateReadout.js';
import { MapToolbar } from './MapToolbar.js';
import { MeasurePanel } from './MeasurePanel.js';
import type { MapToolsModel } from './use-map-tools.js';

/** What the map tools put over the map: the tool buttons and the measure result (top left), the coordinates (bottom right). */
export function MapToolsOverlay({ tools, controller }: { tools: MapToolsModel; controller: MapController | null }) {
  return (
    <>
      <div className="map-tools-dock">
        <MapToolbar tools={tools} />
        <MeasurePanel store={tools.measure} />
      </div>
      <CoordinateReadout controller={controller} />
    </>
  );
}
