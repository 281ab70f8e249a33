import { createCommand } from 'lexical';

/** Opens the link box for the selection (Ctrl+K). */
export const OPEN_LINK_DIALOG_COMMAND = createCommand<void>('BIENTAP_OPEN_LINK_DIALOG');
/** Opens find and replace (Ctrl+F, Ctrl+H). */
export const OPEN_FIND_COMMAND = createCommand<void>('BIENTAP_OPEN_FIND');
