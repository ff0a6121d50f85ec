import { useCallback, useState } from 'react';
import type { ExportFormat } from '../../../../shared/api/dashboard.js';
import type { ApiClient } from '../../api/planner-bridge.js';
import { downloadBase64 } from '../dashboard/download.js';
import type { AttributeQuery } from './use-attribute-pages.js';

export interface TableExport {
  busy: ExportFormat | null;
  run(format: ExportFormat): void;
}

/** The filtered rows as CSV or Excel, made by the core and saved like the dashboard's export (a download). */
export function useTableExport(api: ApiClient, query: AttributeQuery, report: (err: unknown) => void): TableExport {
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const run = useCallback(
    (format: ExportFormat) => {
      setBusy(format);
      api
        .exportAttributeTable({ ...query, format })
        .then((file) => downloadBase64(file.fileName, file.mime, file.base64), report)
        .finally(() => setBusy(null));
    },
    [api, query, report],
  );
  return { busy, run };
}
