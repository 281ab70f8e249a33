import { DEFAULT_ORGANISATION, organisationSchema, type Organisation } from '../../shared/organisation';
import type { CoreContext } from '../context';
import { settingStore } from '../settings/store';

const store = settingStore('organisation', organisationSchema, DEFAULT_ORGANISATION);

/** Who the office is; the defaults until an administrator saves it. */
export const readOrganisation = store.read;

export function writeOrganisation(ctx: CoreContext, value: Organisation, userId: string): Organisation {
  return store.write(ctx, { name: value.name, parent: value.parent, place: value.place }, userId);
}
