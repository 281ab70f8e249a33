import { describe, expect, it } from 'vitest';
import { findingAtPoint, type Box } from './pointer';

const boxes: Record<string, Box[]> = {
  // "Camara" on one line; "quốcvào" split over two lines.
  a: [{ left: 10, right: 60, top: 100, bottom: 120 }],
  b: [
    { left: 400, right: 480, top: 100, bottom: 120 },
    { left: 0, right: 30, top: 120, bottom: 140 },
  ],
};
const findings = [
  { id: 'a', fixable: true },
  { id: 'b', fixable: true },
  { id: 'c', fixable: false },
];
const at = (x: number, y: number) => findingAtPoint(findings, (f) => boxes[f.id] ?? [], x, y)?.id ?? null;

describe('findingAtPoint', () => {
  it('finds the underlined text under the pointer, on either line it spans', () => {
    expect(at(30, 110)).toBe('a');
    expect(at(450, 110)).toBe('b');
    expect(at(10, 130)).toBe('b');
  });

  it('finds nothing beside the underlines, nor a finding without a fix', () => {
    expect(at(200, 110)).toBeNull();
    expect(at(45, 130)).toBeNull();
    expect(findingAtPoint([{ fixable: false }], () => [{ left: 0, right: 9, top: 0, bottom: 9 }], 5, 5)).toBeNull();
  });
});
