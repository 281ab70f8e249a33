/**
 * The office's own conversion tables for the two legacy Vietnamese encodings still found in old
 * documents. Each maps a Unicode letter to the characters its bytes show when the file (or the
 * clipboard) is read as Windows-1252 / Latin-1, which is how the "garbage" reaches the editor.
 * Only bytes 0xA0–0xFF are used, where Windows-1252 and Latin-1 agree.
 */

/**
 * TCVN 5712:1993 VN3 ("ABC", .VnTime): one byte per precomposed letter. Its single font has only
 * seven capitals with marks (Ă Â Ê Ô Ơ Ư Đ); other capitals come from a second font (.VnTimeH)
 * that draws the lowercase codes as capitals. So a capital with a tone is written with the
 * lowercase code, and reading back decides case from the rest of the word (see convert.ts).
 */
const TCVN3_LOWER = {
  à: 'µ',
  ả: '¶',
  ã: '·',
  á: '¸',
  ạ: '¹',
  ă: '¨',
  ằ: '»',
  ẳ: '¼',
  ẵ: '½',
  ắ: '¾',
  ặ: 'Æ',
  â: '©',
  ầ: 'Ç',
  ẩ: 'È',
  ẫ: 'É',
  ấ: 'Ê',
  ậ: 'Ë',
  đ: '®',
  è: 'Ì',
  ẻ: 'Î',
  ẽ: 'Ï',
  é: 'Ð',
  ẹ: 'Ñ',
  ê: 'ª',
  ề: 'Ò',
  ể: 'Ó',
  ễ: 'Ô',
  ế: 'Õ',
  ệ: 'Ö',
  ì: '×',
  ỉ: 'Ø',
  ĩ: 'Ü',
  í: 'Ý',
  ị: 'Þ',
  ò: 'ß',
  ỏ: 'á',
  õ: 'â',
  ó: 'ã',
  ọ: 'ä',
  ô: '«',
  ồ: 'å',
  ổ: 'æ',
  ỗ: 'ç',
  ố: 'è',
  ộ: 'é',
  ơ: '¬',
  ờ: 'ê',
  ở: 'ë',
  ỡ: 'ì',
  ớ: 'í',
  ợ: 'î',
  ù: 'ï',
  ủ: 'ñ',
  ũ: 'ò',
  ú: 'ó',
  ụ: 'ô',
  ư: '\u00ad',
  ừ: 'õ',
  ử: 'ö',
  ữ: '÷',
  ứ: 'ø',
  ự: 'ù',
  ỳ: 'ú',
  ỷ: 'û',
  ỹ: 'ü',
  ý: 'ý',
  ỵ: 'þ',
} as const;
const TCVN3_CAPITALS = { Ă: '¡', Â: '¢', Ê: '£', Ô: '¤', Ơ: '¥', Ư: '¦', Đ: '§' } as const;

export const TCVN3: Readonly<Record<string, string>> = { ...TCVN3_LOWER, ...TCVN3_CAPITALS };

/**
 * VNI-Windows: an ASCII base letter followed by one mark byte (tone, or hat/breve, or both in one),
 * except ơ ư đ and the i/ỵ forms, which have their own byte. Capitals use the capital mark bytes.
 */
const VNI_TONES = { sac: ['ù', 'Ù'], huyen: ['ø', 'Ø'], hoi: ['û', 'Û'], nga: ['õ', 'Õ'], nang: ['ï', 'Ï'] } as const;
/** Hat (â ê ô) and breve (ă), alone or combined with a tone, in the order '', sắc, huyền, hỏi, ngã, nặng. */
const VNI_HAT = [
  ['â', 'á', 'à', 'å', 'ã', 'ä'],
  ['Â', 'Á', 'À', 'Å', 'Ã', 'Ä'],
] as const;
const VNI_BREVE = [
  ['ê', 'é', 'è', 'ú', 'ü', 'ë'],
  ['Ê', 'É', 'È', 'Ú', 'Ü', 'Ë'],
] as const;
const TONE_MARKS = ['', '\u0301', '\u0300', '\u0309', '\u0303', '\u0323'] as const;
const TONE_KEYS = ['sac', 'huyen', 'hoi', 'nga', 'nang'] as const;

function buildVni(): Record<string, string> {
  const table: Record<string, string> = {};
  for (const upper of [0, 1] as const) {
    const cased = (s: string) => (upper ? s.toUpperCase() : s);
    const horn = { ơ: upper ? 'Ô' : 'ô', ư: upper ? 'Ö' : 'ö' };
    for (let t = 0; t < 6; t++) {
      const mark = TONE_MARKS[t]!;
      const toneByte = t === 0 ? '' : VNI_TONES[TONE_KEYS[t - 1]!][upper];
      for (const base of ['a', 'e', 'o', 'u', 'y']) {
        if (t > 0) table[cased(base + mark).normalize('NFC')] = cased(base) + toneByte;
      }
      for (const base of ['a', 'e', 'o']) {
        table[cased(`${base}\u0302${mark}`).normalize('NFC')] = cased(base) + VNI_HAT[upper][t];
      }
      table[cased(`a\u0306${mark}`).normalize('NFC')] = cased('a') + VNI_BREVE[upper][t];
      table[cased(`o\u031b${mark}`).normalize('NFC')] = horn.ơ + toneByte;
      table[cased(`u\u031b${mark}`).normalize('NFC')] = horn.ư + toneByte;
    }
    // i has one byte per tone and ỵ its own; y keeps base + tone byte like the other vowels.
    const iBytes = upper ? ['Í', 'Ì', 'Æ', 'Ó', 'Ò'] : ['í', 'ì', 'æ', 'ó', 'ò'];
    for (let t = 1; t < 6; t++) table[cased(`i${TONE_MARKS[t]}`).normalize('NFC')] = iBytes[t - 1]!;
    table[cased('y\u0323').normalize('NFC')] = upper ? 'Î' : 'î';
    table[upper ? 'Đ' : 'đ'] = upper ? 'Ñ' : 'ñ';
  }
  return table;
}

export const VNI: Readonly<Record<string, string>> = buildVni();
