import { ClipboardImportExtension, DEFAULT_IMPORT_MIME_TYPE, type ImportMimeTypeFunction } from '@lexical/clipboard';
import { configExtension, defineExtension } from 'lexical';
import { detectLegacyEncoding, legacyToUnicode } from '../../../../shared/legacy';
import { joinPdfLines } from './pdfText';

const insertPlainText = DEFAULT_IMPORT_MIME_TYPE['text/plain']?.[0];

/**
 * Text typed in the old TCVN3 (ABC) or VNI fonts arrives as Latin garbage ("®­êng" for "đường");
 * it is converted to Unicode on the way in.
 */
export function legacyToText(data: string): string {
  const encoding = detectLegacyEncoding(data);
  return encoding ? legacyToUnicode(data, encoding) : data;
}

/**
 * Plain-text paste (only when the clipboard carries no HTML or Lexical data, which Lexical
 * reads first): legacy-font text becomes Unicode, and lines wrapped by a PDF are joined back
 * into paragraphs before Lexical's own plain-text import turns each remaining line break into a
 * paragraph.
 */
const $importPdfText: ImportMimeTypeFunction = (data, selection, $next, dataTransfer) => {
  const joined = joinPdfLines(legacyToText(data));
  if (joined === data || !insertPlainText) return $next();
  return insertPlainText(joined, selection, $next, dataTransfer);
};

export const PdfPasteExtension = defineExtension({
  name: '@bientap/pdf-paste',
  dependencies: [configExtension(ClipboardImportExtension, { $importMimeType: { 'text/plain': [$importPdfText] } })],
});
