import Database from 'better-sqlite3';

let processBinding: string | undefined;

/**
 * The SQLite build every connection of this process loads unless told otherwise: inside Electron's
 * core process (and its `--cli`) the Electron-ABI build, which the Node build beside it cannot replace.
 */
export function useNativeBinding(path: string | undefined): void {
  processBinding = path;
}

export function bindingOption(nativeBinding?: string): { nativeBinding?: string } {
  const binding = nativeBinding ?? processBinding;
  return binding ? { nativeBinding: binding } : {};
}

/** An existing database file opened for reading only: never creates it, never checkpoints its WAL. */
export function openReadOnly(file: string, nativeBinding?: string): Database.Database {
  return new Database(file, { readonly: true, fileMustExist: true, ...bindingOption(nativeBinding) });
}
