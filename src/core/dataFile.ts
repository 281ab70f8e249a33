/**
 * The database's file name inside a data folder. Its own module, so the command line can find the
 * file without loading the whole core.
 */
export const DATABASE_FILE = 'bientap.sqlite';
