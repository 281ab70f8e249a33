import { up as initial } from './001-initial';
import { up as review } from './002-review';
import { up as images } from './003-images';
import { up as publishing } from './004-publishing';
import { up as search } from './005-search';
import { up as searchQueue } from './006-search-queue';
import { up as wellFormedText } from './007-well-formed-text';
import { up as signatureFormat } from './008-signature-format';
import { up as retracted } from './009-retracted';
import { up as approvalChainHead } from './010-approval-chain-head';
import { up as officeKeys } from './011-office-keys';
import { up as officeSync } from './012-office-sync';
import { up as officeBlobs } from './013-office-blobs';
import { up as imagesArrived } from './014-images-arrived';
import { up as officeEvents } from './015-office-events';

/**
 * Numbered migrations, oldest first. Migration N brings `PRAGMA user_version` from N-1 to N.
 * Never edit a released one: add the next number.
 */
export const MIGRATIONS: readonly { version: number; name: string; up: string }[] = [
  { version: 1, name: 'initial', up: initial },
  { version: 2, name: 'review', up: review },
  { version: 3, name: 'images', up: images },
  { version: 4, name: 'publishing', up: publishing },
  { version: 5, name: 'search', up: search },
  { version: 6, name: 'search-queue', up: searchQueue },
  { version: 7, name: 'well-formed-text', up: wellFormedText },
  { version: 8, name: 'signature-format', up: signatureFormat },
  { version: 9, name: 'retracted', up: retracted },
  { version: 10, name: 'approval-chain-head', up: approvalChainHead },
  { version: 11, name: 'office-keys', up: officeKeys },
  { version: 12, name: 'office-sync', up: officeSync },
  { version: 13, name: 'office-blobs', up: officeBlobs },
  { version: 14, name: 'images-arrived', up: imagesArrived },
  { version: 15, name: 'office-events', up: officeEvents },
];

export const LATEST_VERSION = MIGRATIONS.length;
