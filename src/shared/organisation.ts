import { z } from 'zod';
import { text } from './api/fields';

/**
 * Who the office is, written once and used everywhere it is named: bylines (`Name (Unit)`, as
 * the portal prints them), the app's header, the site's title, the office key's name and the
 * approval slip, which is laid out as an administrative document (the governing body above the
 * unit, the unit, the place in the date line).
 */
export const organisationSchema = z
  .object({
    /** The unit's full name: "Phòng Văn hóa & Thông tin TP Huế". */
    name: text(200, { trim: true, min: 2, minMessage: 'Hãy nhập tên đầy đủ của đơn vị.' }),
    /** The body the unit belongs to, first line of a document's header: "UBND thành phố Huế". */
    parent: text(200, { trim: true }),
    /** Where documents are dated: "Huế" in "Huế, ngày 3 tháng 12 năm 2026". */
    place: text(100, { trim: true }),
  })
  .strict();
export type Organisation = z.infer<typeof organisationSchema>;

export const DEFAULT_ORGANISATION: Organisation = {
  name: 'Phòng Văn hóa & Thông tin TP Huế',
  parent: 'UBND thành phố Huế',
  place: 'Huế',
};

/** A person's byline as the portal prints it: "Huỳnh Thị Ly (Phòng Văn hóa & Thông tin TP Huế)". */
export function bylineWithUnit(byline: string, unit: string): string {
  const name = byline.trim();
  const where = unit.trim();
  return where === '' || name === '' ? name : `${name} (${where})`;
}

/** The name in a byline, without the unit in brackets: the unit names every article alike, so search leaves it out. */
export function bylineName(byline: string): string {
  return byline.replace(/\s*\([^()]*\)\s*$/u, '');
}
