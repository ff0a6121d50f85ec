import '../../styles/edit-geometry.css';
import type { Settings } from '../../../../shared/api/settings.js';
import { EditGeometryPanel } from './EditGeometryPanel.js';
import { EditGeometryToolbar } from './EditGeometryToolbar.js';
import type { GeometryEditingModel } from './use-geometry-editing.js';

/** Geometry editing over the map (top right): the tool buttons and, under them, the active tool's panel. */
export function EditGeometryOverlay({ editing, settings }: { editing: GeometryEditingModel; settings: Settings | null }) {
  return (
    <div className="edit-geometry-dock">
      <EditGeometryToolbar editing={editing} />
      <EditGeometryPanel editing={editing} settings={settings} />
    </div>
  );
}
