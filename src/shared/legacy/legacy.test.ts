import { describe, expect, it } from 'vitest';
import { detectLegacyEncoding, legacyToUnicode, unicodeToLegacy } from '.';

/** Written by hand from the encodings' code charts, as Windows-1252 shows the bytes. */
const GOLDEN = {
  tcvn3: [
    ['®­êng', 'đường'],
    ['TR¦êNG §¹I HäC HUÕ', 'TRƯỜNG ĐẠI HỌC HUẾ'],
    ['Bé', 'Bộ'],
    ['Bé C¤NG AN', 'BỘ CÔNG AN'],
    ['Bé C«ng an', 'Bộ Công an'],
    ['Céng hoµ x· héi chñ nghÜa ViÖt Nam', 'Cộng hoà xã hội chủ nghĩa Việt Nam'],
    ['§éc lËp - Tù do - H¹nh phóc', 'Độc lập - Tự do - Hạnh phúc'],
    ['§¶ng bé thµnh phè HuÕ', 'Đảng bộ thành phố Huế'],
    ['¡n, ¢m, £m, ¤m, ¥n, ¦ng', 'Ăn, Âm, Êm, Ôm, Ơn, Ưng'],
  ],
  vni: [
    ['ñöôøng', 'đường'],
    ['TRÖÔØNG ÑAÏI HOÏC HUEÁ', 'TRƯỜNG ĐẠI HỌC HUẾ'],
    ['BOÄ COÂNG AN', 'BỘ CÔNG AN'],
    ['Boä Coâng an', 'Bộ Công an'],
    ['Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam', 'Cộng hòa xã hội chủ nghĩa Việt Nam'],
    ['Ñoäc laäp - Töï do - Haïnh phuùc', 'Độc lập - Tự do - Hạnh phúc'],
    ['Ñaûng boä thaønh phoá Hueá', 'Đảng bộ thành phố Huế'],
    ['Ăn: AÊn, Ơn: Ôn, Ưng: Öng, ỵ: î, Ỵ: Î, ắ: aé, Ặ: AË', 'Ăn: Ăn, Ơn: Ơn, Ưng: Ưng, ỵ: ỵ, Ỵ: Ỵ, ắ: ắ, Ặ: Ặ'],
  ],
} as const;

describe('legacy encodings', () => {
  for (const encoding of ['tcvn3', 'vni'] as const) {
    it(`converts ${encoding} golden samples, capitals and đ/Đ included`, () => {
      for (const [legacy, unicode] of GOLDEN[encoding]) {
        expect(legacyToUnicode(legacy, encoding)).toBe(unicode);
        expect(legacyToUnicode(legacy, encoding)).toBe(unicode.normalize('NFC'));
      }
    });

    it(`writes ${encoding} that reads back unchanged`, () => {
      const texts = [
        'Thành phố Huế tiếp tục đẩy mạnh phong trào toàn dân bảo vệ an ninh Tổ quốc.',
        'Phòng Văn hóa và Thông tin; Tỉnh ủy, Thành uỷ — “khỏe” (ỷ, ỹ, ữ, ặ, ẫ, ợ).',
        'ĐẢNG BỘ THÀNH PHỐ HUẾ, TRƯỜNG ĐẠI HỌC, đường Lê Lợi',
      ];
      for (const text of texts) {
        const legacy = unicodeToLegacy(text, encoding);
        expect(legacy).not.toBe(text);
        expect(legacyToUnicode(legacy, encoding)).toBe(text);
      }
    });

    it(`recognises ${encoding} text`, () => {
      const text = unicodeToLegacy(
        'Ngày 12/4/2021, thành phố Huế ban hành Chỉ thị về công tác bảo vệ an ninh.',
        encoding,
      );
      expect(detectLegacyEncoding(text)).toBe(encoding);
    });
  }

  it('writes VNI capitals with their own mark bytes', () => {
    expect(unicodeToLegacy('BỘ TRƯỞNG Đ', 'vni')).toBe('BOÄ TRÖÔÛNG Ñ');
    expect(unicodeToLegacy('đường', 'tcvn3')).toBe('®\u00adêng');
  });

  it('leaves Unicode Vietnamese, English and numbers alone', () => {
    for (const text of [
      'Thành phố Huế tiếp tục đẩy mạnh phong trào',
      'Café au lait, naïve résumé, Zürich',
      '15/04/2021 10:51:38 SA',
      'Phòng Văn hóa & Thông tin TP Huế',
    ]) {
      expect(detectLegacyEncoding(text), text).toBeNull();
    }
  });
});
