import type { Handlers } from '../../../shared/api/contract.js';
import { localIsoDate } from '../../../shared/domain/goals.js';
import type { Project } from '../project/project.js';
import { parcelsInRing } from '../spatial/select.js';
import { featureCard } from './feature-card.js';

type MapToolMethods = 'parcelsInPolygon' | 'featureCard';

/** The map tools' contract methods: parcels by a drawn shape, and the card of a block, zone, platform, line or project. */
export function mapToolHandlers(project: Project): Pick<Handlers, MapToolMethods> {
  return {
    parcelsInPolygon: async ({ ring, predicate }) => ({ fids: parcelsInRing(project.db, ring, predicate) }),
    featureCard: async (input) => featureCard(project.db, project.getSettings(), input, localIsoDate(new Date())),
  };
}
