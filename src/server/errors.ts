/** A reason the office server cannot start, worded for the administrator who started it. */
export class ServerStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServerStartError';
  }
}
