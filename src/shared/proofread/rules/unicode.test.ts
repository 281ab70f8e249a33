import { describe, expect, it } from 'vitest';
import { unicodeToLegacy } from '../../legacy';
import { findings, spans } from '../testkit';

describe('unicode', () => {
  it('reports decomposed words with their NFC form', () => {
    const text = `Phòng ${'Văn hoá'.normalize('NFD')} và Thông tin`;
    expect(spans('unicode.notNfc', text)).toEqual([
      ['Văn'.normalize('NFD'), 'Văn'],
      ['hoá'.normalize('NFD'), 'hoá'],
    ]);
    expect(findings('unicode.notNfc', 'Phòng Văn hoá và Thông tin')).toEqual([]);
  });

  it('still checks spelling and tone style in decomposed text', () => {
    const text = 'Tỉnh ủy chỉ đạo hòa giải'.normalize('NFD');
    expect(findings('spelling.unknown', text)).toEqual([]);
    expect(findings('tone.style', text, { toneStyle: 'new' }).map((f) => f.fix)).toEqual(['uỷ', 'hoà']);
  });

  it('reports a pasted legacy-font run with the converted text, and nothing else inside it', () => {
    for (const encoding of ['tcvn3', 'vni'] as const) {
      const pasted = unicodeToLegacy('Bảo vệ an ninh Tổ quốc trong cơ quan, doanh nghiệp', encoding);
      const text = `Trích văn bản cũ: ${pasted}. Hết trích.`;
      expect(spans('unicode.legacyFont', text), encoding).toEqual([
        [
          pasted.slice(
            0,
            pasted.lastIndexOf(encoding === 'tcvn3' ? 'nghiÖp' : 'nghieäp') + (encoding === 'tcvn3' ? 6 : 7),
          ),
          'Bảo vệ an ninh Tổ quốc trong cơ quan, doanh nghiệp',
        ],
      ]);
      expect(findings('spelling.unknown', text), encoding).toEqual([]);
    }
  });

  it('does not take French or German words for a legacy font', () => {
    expect(findings('unicode.legacyFont', 'Quán café ở Zürich, phong cách naïve')).toEqual([]);
  });
});
