import type { Handlers } from '../../../shared/api/contract.js';
import type { Project } from '../project/project.js';
import { AttributeTable } from './attribute-table.js';
import { exportTableFile } from './export-table.js';

type AttributeTableMethods = 'attributeRows' | 'exportAttributeTable';

/** The attribute table's contract methods: sorted, filtered rows a page at a time, and the filtered rows as a file. */
export function attributeTableHandlers(project: Project): Pick<Handlers, AttributeTableMethods> {
  const table = new AttributeTable(project.db);
  return {
    attributeRows: async (req) => table.rows(req),
    exportAttributeTable: async ({ format, ...query }) =>
      exportTableFile(query, table.allRows(query), format, { isSample: project.info().isSample, now: new Date() }),
  };
}
