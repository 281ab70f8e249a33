export { legacyToUnicode, unicodeToLegacy, type LegacyEncoding } from './convert';
export { detectLegacyEncoding } from './detect';
