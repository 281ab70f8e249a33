import type { FeatureHandlers } from '../api/handler';
import { officeStatus } from './status';

export const officeHandlers: FeatureHandlers<'office.status'> = {
  'office.status': {
    // Everyone who signs in sees where the workstation stands with the office: it is their work that waits.
    access: 'article.readOwn',
    run: (ctx) => officeStatus(ctx),
  },
};
