import { createContext, useContext } from 'react';
import type { MethodOutput } from '../../../shared/api/contract';
import type { Action } from '../../../shared/review';

/** The signed-in user as the core describes them, with the actions the core will allow. */
export type Me = MethodOutput<'auth.me'>;

export const MeContext = createContext<Me | null>(null);

/** Whether the core said this user may do `action`. The UI hides what would be refused; the core still decides. */
export function useCan(): (action: Action) => boolean {
  const me = useContext(MeContext);
  return (action) => me?.can.includes(action) ?? false;
}

export function useMe(): Me | null {
  return useContext(MeContext);
}
