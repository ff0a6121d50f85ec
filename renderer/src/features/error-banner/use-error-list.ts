import { useCallback, useState } from 'react';
import type { PlannerError } from '../../../../shared/api/errors.js';
import { toPlannerError } from '../../api/errors.js';

export interface ErrorList {
  errors: readonly PlannerError[];
  /** Shows any thrown value as a PlannerError; the same code and message twice shows once. */
  report: (err: unknown) => void;
  dismiss: (index: number) => void;
}

const MAX_SHOWN = 5;

export function useErrorList(): ErrorList {
  const [errors, setErrors] = useState<readonly PlannerError[]>([]);
  const report = useCallback((err: unknown) => {
    const error = toPlannerError(err);
    console.error(error);
    setErrors((list) =>
      list.some((e) => e.code === error.code && e.message === error.message) ? list : [...list, error].slice(-MAX_SHOWN),
    );
  }, []);
  const dismiss = useCallback((index: number) => setErrors((list) => list.filter((_, i) => i !== index)), []);
  return { errors, report, dismiss };
}
