import type { z } from 'zod';
import type { Contract } from '../../shared/api/contract';
import type { MethodName } from '../../shared/api/methods';
import type { Action } from '../auth/permissions';
import type { CoreContext } from '../context';
import type { UserRecord } from '../users/repo';

export interface Caller {
  user: UserRecord;
  session: string;
}

/**
 * What the transport knows about who is calling, never read from the payload: the web host
 * names each connection, Electron each window. Sign-in waits are counted per client.
 */
export interface RequestFacts {
  client: string;
}

type Input<M extends MethodName> = z.output<Contract[M]['input']>;
type Output<M extends MethodName> = z.input<Contract[M]['output']>;

/** A public method runs without a session; every other one names the action it needs. */
export type HandlerSpec<M extends MethodName> =
  | {
      access: 'public';
      run(ctx: CoreContext, input: Input<M>, caller: null, request: RequestFacts): Output<M> | Promise<Output<M>>;
    }
  | {
      access: Action;
      run(ctx: CoreContext, input: Input<M>, caller: Caller, request: RequestFacts): Output<M> | Promise<Output<M>>;
    };

export type HandlerMap = { [M in MethodName]: HandlerSpec<M> };

/** Each feature declares the handlers it owns; the API is their union. */
export type FeatureHandlers<M extends MethodName> = { [K in M]: HandlerSpec<K> };
