/** The office portal's date form: `15/04/2021 10:51:38 SA` (SA = a.m., CH = p.m.), Huế time. */
const portalFormat = new Intl.DateTimeFormat('vi-VN', {
  timeZone: 'Asia/Ho_Chi_Minh',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  // `hour12: true` renders noon as 00 in Node; an explicit h12 cycle renders 12.
  hourCycle: 'h12',
});

const hour24Format = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  hour: '2-digit',
  hourCycle: 'h23',
});

export function formatPortalDate(value: Date | string | number): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Không phải ngày giờ hợp lệ: ${String(value)}`);
  const parts: Record<string, string> = {};
  for (const part of portalFormat.formatToParts(date)) parts[part.type] = part.value;
  // Derive SA/CH from the 24-hour clock rather than trusting the locale's day-period text.
  const hour24 = Number(hour24Format.format(date));
  const period = hour24 < 12 ? 'SA' : 'CH';
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}:${parts.second} ${period}`;
}

const dayParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  day: 'numeric',
  month: 'numeric',
  year: 'numeric',
});

/**
 * The place and date line of an administrative document, Huế time: "Huế, ngày 03 tháng 12 năm
 * 2026". As Decree 30/2020/NĐ-CP writes it: a day below 10, and the months 1 and 2, take a
 * leading zero (so "tháng 01" is never misread as "tháng 11" on a handwritten copy).
 */
export function documentDateLine(place: string, value: Date | string | number): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Không phải ngày giờ hợp lệ: ${String(value)}`);
  const parts: Record<string, string> = {};
  for (const part of dayParts.formatToParts(date)) parts[part.type] = part.value;
  const day = Number(parts.day);
  const month = Number(parts.month);
  const line = `ngày ${String(day).padStart(2, '0')} tháng ${month <= 2 ? String(month).padStart(2, '0') : month} năm ${parts.year}`;
  return place.trim() ? `${place.trim()}, ${line}` : line.charAt(0).toUpperCase() + line.slice(1);
}
