import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** The text of a PDF as a reader's copy would give it (NFC, one line per printed baseline), and its page count. */
export async function readPdf(bytes: Uint8Array): Promise<{ pages: number; text: string }> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const lines: string[] = [];
  for (let number = 1; number <= pdf.numPages; number++) {
    const page = await pdf.getPage(number);
    const content = await page.getTextContent();
    // Runs on one baseline are one line, whatever fonts drew them (a fallback font for one
    // letter starts a new run, which is no word boundary).
    let line = '';
    let baseline: number | null = null;
    for (const item of content.items) {
      if (!('str' in item)) continue;
      const y = item.transform[5] as number;
      if (baseline !== null && Math.abs(y - baseline) > 2) {
        lines.push(line);
        line = '';
      }
      if (item.str !== '' || baseline === null) baseline = y;
      line += item.str;
    }
    if (line) lines.push(line);
  }
  await pdf.destroy();
  return { pages: pdf.numPages, text: lines.join('\n').normalize('NFC') };
}
