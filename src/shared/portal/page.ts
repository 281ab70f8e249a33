/**
 * Reads an article page as a browser copies it from a news portal (the office's portal, the
 * way `fixtures/sample-article.txt` was made, or any page with the same parts): breadcrumbs,
 * title, date line, the page's controls ("Xem cỡ chữ:", "Chia sẻ", "Lượt xem: 12"…), the
 * paragraphs, the byline `Name (Unit)` or `Tin, ảnh: Name`, then "Các bài khác" with its list
 * and pager. Pure text in, parts out: the demo loader and the editor's paste both use it.
 */
export interface PortalPage {
  title: string;
  /** The date line as the page shows it ('' when there is none). */
  dateLine: string;
  /** Every paragraph of the article, the lead (sapo) first. */
  paragraphs: string[];
  /** The author's name as the byline gives it. */
  byline: string;
  /** The unit the byline names in brackets or after a dash ('' when none). */
  unit: string;
  /** The lines of the page around the article (controls, related list, pager), dropped. */
  dropped: string[];
}

export interface ReadOptions {
  /**
   * `keep`: paragraphs exactly as typed, faults included, only the indentation the portal adds
   * taken off (proofreading material). `normalise` (paste): runs of spaces the page used as
   * layout also go, and a long run after a sentence is the paragraph break it stood for.
   */
  layout?: 'keep' | 'normalise';
}

/** Spaces as pages use them: ordinary, no-break, tabs, ideographic and the fixed-width ones. */
const SPACE = '[ \\t\\u00a0\\u2000-\\u200a\\u202f\\u3000]';
const LEADING_SPACE = new RegExp(`^${SPACE}+`, 'u');
const TRAILING_SPACE = new RegExp(`${SPACE}+$`, 'u');
/** Four or more spaces inside a line are layout, not typing. */
const LAYOUT_RUN = new RegExp(`${SPACE}{4,}`, 'gu');
/** …and after a sentence, before a capital, they stood for a lost paragraph break. */
const LAYOUT_BREAK = new RegExp(`([.!?…]["'”’»)]*)${SPACE}{4,}(?=["“‘«(]?\\p{Lu})`, 'gu');

const WEEKDAY = '(?:Thứ\\s+(?:hai|ba|tư|năm|sáu|bảy|2|3|4|5|6|7)|Chủ\\s+nhật)';
const DATE = '\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{4}';
const TIME = '\\d{1,2}[:h]\\d{2}(?::\\d{2})?(?:\\s*(?:SA|CH|AM|PM|GMT[+-]\\d+))?';
/** "15/04/2021 10:51:38 SA", "Thứ năm, 15/04/2021 | 08:15", "Ngày đăng: 15/04/2021", "(15/04/2021)". */
const DATE_LINE = new RegExp(
  `^\\(?(?:(?:Ngày\\s+(?:đăng|cập\\s+nhật)|Cập\\s+nhật|Đăng\\s+ngày|Đăng\\s+lúc|Ngày)(?:\\s+lúc)?\\s*:?\\s*)?` +
    `(?:${WEEKDAY}\\s*[,-]?\\s*)?(?:${TIME}\\s*[,|-]?\\s*)?(?:ngày\\s+)?${DATE}(?:\\s*[,|-]?\\s*(?:lúc\\s+)?${TIME})?\\)?$`,
  'iu',
);

/** The page's own controls: short lines that name a button or a counter, never article text. */
const CONTROL =
  /^(?:Xem cỡ chữ|Cỡ chữ|Đọc bài viết|Nghe đọc bài(?: viết)?|Nghe bài viết|In bài(?: viết)?|In trang|Bản in|Gửi (?:email|e-mail|bài viết|cho bạn bè)|Chia sẻ(?: bài viết)?|Lưu bài(?: viết)?|(?:Số )?[Ll]ượt xem|Lượt đọc|Bình luận|Về đầu trang|Quay lại|Trở về|Trở lại|Facebook|Zalo|Twitter|Tweet|Email|Print|Share|Like)(?![\p{L}\d])(?:[^.!?]|\.(?=\d)){0,40}$/iu;
/** "A- A A+", "A A A": the font-size buttons. */
const FONT_BUTTONS = /^(?:A[-+]?\s*){2,4}$/u;
/** "Trang chủ > Tin tức > Văn hóa", "Trang chủ » Tin tức": a path through the site. */
const BREADCRUMB = /^[^>»›]{1,60}(?:\s[>»›/|]\s[^>»›]{1,60}){1,6}$/u;
/** Where the page's list of other articles starts: everything after it is the page's. */
const RELATED =
  /^(?:Các|Những)?\s*(?:bài|tin|bài viết|tin bài)\s+(?:khác|liên quan|cùng chuyên mục|cùng chủ đề|mới hơn|cũ hơn|đã đưa|đọc nhiều)\s*:?$|^Xem thêm\s*:?$|^Tin\s*(?:mới|nổi bật|đọc nhiều)\s*:?$/iu;
/** "<< < 1 2 3 4 5 > >>", "« ‹ 1 2 › »", "Trang đầu  Trang trước 1 2 Trang sau  Trang cuối". */
const PAGER =
  /^(?:(?:<<|<|«|‹|>>|>|»|›|…|\.\.\.|\d{1,4}|\||Trang\s+(?:đầu|trước|sau|cuối|kế)|Đầu|Cuối|Trước|Sau)\s*){2,}$/iu;
/** Name words: capitalised, no digits; two to six of them. */
const NAME = "\\p{Lu}[\\p{L}'’.-]*(?:\\s+\\p{Lu}[\\p{L}'’.-]*){1,5}";
/** "Tin, ảnh: ", "Bài và ảnh: ", "Tin: ", "Ảnh: ", "Nhóm PV: " before the name. */
const CREDIT = '(?:(?:Tin|Bài|Ảnh|Video|Clip|Nhóm PV|PV)(?:\\s*(?:,|và|-|&)\\s*(?:ảnh|Ảnh|video|clip))?\\s*:\\s*)';
/** "Huỳnh Thị Ly (Phòng Văn hóa & Thông tin TP Huế)", "Tin, ảnh: Lê Văn An - Trung tâm Văn hóa". */
const BYLINE = new RegExp(`^${CREDIT}?(${NAME})(?:\\s*\\(([^()]{2,120})\\)|\\s+[-–—]\\s+([^.!?]{2,120}))?$`, 'u');
const CREDITED_BYLINE = new RegExp(
  `^${CREDIT}(${NAME})(?:\\s*\\(([^()]{2,120})\\)|\\s+[-–—]\\s+([^.!?]{2,120}))?$`,
  'u',
);

const isControl = (line: string) => line.length <= 60 && (CONTROL.test(line) || FONT_BUTTONS.test(line));
const isPager = (line: string) => /\d|Trang/u.test(line) && PAGER.test(line);

/**
 * The page's parts, or null when the text is not such a page: at least two of a date line at
 * the top, the page's controls, a byline at the end, the list of other articles and a pager
 * must be there, so an article typed with a date line or a byline alone stays an ordinary paste.
 */
export function readPortalPage(source: string, options: ReadOptions = {}): PortalPage | null {
  const normalise = options.layout === 'normalise';
  const lines = source
    .normalize('NFC')
    .replace(/\r\n?|\u2028|\u2029/g, '\n')
    .split('\n')
    .map((line) => line.replace(TRAILING_SPACE, ''));
  const dropped: string[] = [];
  const signals = new Set<string>();

  // The head: breadcrumbs, the title, the date line and controls in the first few lines.
  let title = '';
  let dateLine = '';
  let start = 0;
  for (; start < lines.length; start++) {
    const line = lines[start]!.replace(LEADING_SPACE, '');
    if (line === '') continue;
    if (DATE_LINE.test(line) && !dateLine) {
      dateLine = line;
      signals.add('date');
    } else if (isControl(line)) {
      dropped.push(line);
      signals.add('controls');
    } else if (!title && BREADCRUMB.test(line)) {
      dropped.push(line);
    } else if (!title && line.length <= 400) {
      title = line;
    } else break;
  }
  if (!title) return null;

  // The tail: the related list and what follows it, then pagers, controls and the byline.
  let end = lines.length;
  for (let i = start; i < lines.length; i++) {
    if (RELATED.test(lines[i]!.trim())) {
      signals.add('related');
      end = i;
      break;
    }
  }
  dropped.push(
    ...lines
      .slice(end)
      .map((line) => line.trim())
      .filter((line) => line !== ''),
  );
  for (const line of lines.slice(end)) if (isPager(line.trim())) signals.add('pager');

  let byline = '';
  let unit = '';
  const body: string[] = [];
  for (const raw of lines.slice(start, end)) {
    const line = raw.replace(LEADING_SPACE, '');
    if (line === '') continue;
    if (isControl(line) || isPager(line)) {
      dropped.push(line);
      signals.add(isPager(line) ? 'pager' : 'controls');
      continue;
    }
    body.push(line);
  }
  // The byline closes the article: the last line, or the first when a credit line opens it.
  const last = body.length > 1 ? BYLINE.exec(body.at(-1)!) : null;
  const first = !last && body.length > 1 ? CREDITED_BYLINE.exec(body[0]!) : null;
  const credit = last ?? first;
  if (credit) {
    if (last) body.pop();
    else body.shift();
    byline = credit[1]!;
    unit = (credit[2] ?? credit[3] ?? '').trim();
    signals.add('byline');
  }

  if (signals.size < 2 || body.length === 0) return null;
  const paragraphs = normalise ? body.flatMap(splitLayout) : body;
  return { title, dateLine, paragraphs, byline, unit, dropped };
}

/** A paragraph's lost breaks restored and its layout runs made one space. */
function splitLayout(paragraph: string): string[] {
  return paragraph
    .replace(LAYOUT_BREAK, '$1\n')
    .split('\n')
    .map((part) => part.replace(LAYOUT_RUN, ' ').trim())
    .filter((part) => part !== '');
}

/** Where a page's parts go in an article: the lead is the sapo when more paragraphs follow. */
export interface PortalArticleParts {
  title: string;
  summary: string;
  body: string[];
  /** "Name (Unit)" as the portal prints it, or the name alone. */
  byline: string;
}

export function articleParts(page: Pick<PortalPage, 'title' | 'paragraphs' | 'byline' | 'unit'>): PortalArticleParts {
  const [lead = '', ...rest] = page.paragraphs;
  const hasSapo = rest.length > 0;
  return {
    title: page.title,
    summary: hasSapo ? lead : '',
    body: hasSapo ? rest : [lead],
    byline: page.unit ? `${page.byline} (${page.unit})` : page.byline,
  };
}
