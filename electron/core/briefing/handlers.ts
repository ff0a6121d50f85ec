import type { Handlers } from '../../../shared/api/contract.js';
import type { Project } from '../project/project.js';
import { planBriefing } from './plan.js';
import type { BriefingTasks } from './tasks.js';

/** The briefing methods of the contract (spread into createCore's handlers). */
export function briefingHandlers(project: Project, tasks: BriefingTasks): Pick<Handlers, 'briefingStart' | 'briefingCancel'> {
  return {
    briefingStart: async (request) => {
      // Checked here, before Chromium starts: an unknown block or a PNG atlas fails at once.
      const plan = planBriefing(project.db, project.getSettings(), request);
      return { taskId: tasks.start(plan.job, plan.fileName, request.format), fileName: plan.fileName };
    },
    briefingCancel: async ({ taskId }) => ({ cancelled: tasks.cancel(taskId) }),
  };
}
