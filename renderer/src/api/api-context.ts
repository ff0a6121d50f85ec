import { createContext, useContext } from 'react';
import type { ApiClient } from './planner-bridge.js';

export const ApiContext = createContext<ApiClient | null>(null);

/** The contract client the app was given (src/main.tsx). */
export function useApi(): ApiClient {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi() outside <ApiContext.Provider>');
  return api;
}
