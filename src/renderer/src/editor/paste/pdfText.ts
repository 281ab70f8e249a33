/**
 * Text copied out of a PDF keeps the PDF's line wrapping: every visual line ends in a line
 * break, so a plain paste would turn one paragraph into a dozen. These rules put the wrapped
 * lines of a paragraph back together and keep the breaks that mean something.
 */

/** PDF columns are narrow; text with longer lines already has one paragraph per line. */
const MAX_WRAPPED_LINE = 160;
/** A line this much shorter than the column did not wrap: it ends its paragraph. */
const SHORT_LINE_SHARE = 0.6;
/** Lines this short are a list of names or a poem, not a wrapped column: they stay apart. */
const MIN_COLUMN = 40;
const MAX_HEADING = 80;

/** . ! ? : … possibly followed by closing quotes or brackets. */
const SENTENCE_END = /[.!?:…]["'”’»)\]]*$/u;
/** Punctuation that says the sentence goes on, so the line is no heading. */
const CONTINUES = /[,;\-–—(“‘«]$/u;
/** Bullets, "1." "1)" "(a)" "a)" and Roman "II." list markers, followed by a space. */
const LIST_MARKER = /^(?:[-–—•●○◦▪■*+·]|\(?\d{1,3}[.)]|\(?[a-zđ][.)]|[IVXLC]{1,6}\.)\s/u;
const UPPER_START = /^["“‘«(]?[\p{Lu}\d]/u;
const HYPHENATED = /\p{L}-$/u;

const length = (line: string) => [...line].length;

function isAllCaps(line: string): boolean {
  const letters = line.replace(/[^\p{L}]/gu, '');
  return letters.length >= 2 && letters === letters.toLocaleUpperCase('vi');
}

/**
 * Joins the lines of each paragraph of PDF text with a space. A blank line is a paragraph
 * break; a break is also kept after a line ending a sentence (. ! ? : …), after a line well
 * short of the column width, before a line that starts with a list marker, and around a short
 * heading. A single line, and text whose lines are too long or all too short to be PDF
 * wrapping, come back unchanged.
 */
export function joinPdfLines(text: string): string {
  const lines = text.replace(/\r\n?|\f/g, '\n').split('\n');
  if (lines.length < 2) return text;
  const column = Math.max(0, ...lines.map((line) => length(line.trim())));
  if (column > MAX_WRAPPED_LINE || column < MIN_COLUMN) return text;

  const isShort = (line: string) => length(line) < column * SHORT_LINE_SHARE;
  const isHeading = (line: string, afterBreak: boolean) =>
    length(line) <= MAX_HEADING &&
    !SENTENCE_END.test(line) &&
    !CONTINUES.test(line) &&
    UPPER_START.test(line) &&
    (isAllCaps(line) || (afterBreak && isShort(line)));

  const paragraphs: string[] = [];
  let current: string | null = null;
  let breakAfterCurrent = true;
  const close = () => {
    if (current !== null) paragraphs.push(current);
    current = null;
    breakAfterCurrent = true;
  };

  for (const raw of lines) {
    const line = raw.trim();
    if (line === '') {
      close();
      continue;
    }
    const heading = isHeading(line, breakAfterCurrent);
    if (current === null || breakAfterCurrent || heading || LIST_MARKER.test(line)) {
      close();
      current = line;
    } else {
      current = HYPHENATED.test(current) ? current + line : `${current} ${line}`;
    }
    breakAfterCurrent = heading || SENTENCE_END.test(line) || (isShort(line) && !CONTINUES.test(line));
  }
  close();
  return paragraphs.join('\n');
}
