import type { Handlers } from '../../../shared/api/contract.js';
import { localIsoDate } from '../../../shared/domain/goals.js';
import type { Project } from '../project/project.js';
import { parcelsInRing } from '../spatial/select.js';
import { featureCard } from './feature-card.js';
import { selectionSummary } from './selection-summary.js';

type MapToolMethods = 'parcelsInPolygon' | 'selectionSummary' | 'featureCard';

/** The map tools' contract methods: parcels by a drawn shape, a selection's figures, and the card of a block, zone, platform, line or project. */
export function mapToolHandlers(project: Project): Pick<Handlers, MapToolMethods> {
  return {
    parcelsInPolygon: async ({ ring, predicate }) => ({ fids: parcelsInRing(project.db, ring, predicate) }),
    selectionSummary: async (input) => selectionSummary(project.db, input),
    featureCard: async (input) => featureCard(project.db, project.getSettings(), input, localIsoDate(new Date())),
  };
}
