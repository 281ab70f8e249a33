import { describe, expect, it } from 'vitest';
import { findings, spans } from '../testkit';

describe('spelling', () => {
  it('corrects known misspellings, keeping case and the house tone style', () => {
    expect(spans('spelling.known', 'nhất là mô hình “Camara an ninh”')).toEqual([['Camara', 'Camera']]);
    expect(spans('spelling.known', 'các tình huống sãy ra và Xãy ra')).toEqual([
      ['sãy ra', 'xảy ra'],
      ['Xãy ra', 'Xảy ra'],
    ]);
    expect(spans('spelling.known', 'bổ xung kinh phí')).toEqual([['bổ xung', 'bổ sung']]);
    // A known misspelling is not reported a second time as an unknown word.
    expect(findings('spelling.unknown', 'mô hình Camara an ninh')).toEqual([]);
  });

  it('splits words glued together', () => {
    expect(spans('spacing.gluedWords', 'an ninh Tổ quốcvào dịp 19/8')).toEqual([['quốcvào', 'quốc vào']]);
    expect(spans('spacing.gluedWords', 'phong tràotoàn dân')).toEqual([['tràotoàn', 'trào toàn']]);
  });

  it('corrects a misplaced tone mark', () => {
    expect(spans('spelling.unknown', 'kế tóan trưởng')).toEqual([['tóan', 'toán']]);
  });

  it('grades unknown words by how sure the fault is', () => {
    const severity = (text: string) => findings('spelling.unknown', text).map((f) => f.severity);
    expect(severity('nhân viên nghiêmg túc')).toEqual(['error']);
    expect(severity('truy cập wifi miễn phí')).toEqual(['warning']);
    expect(severity('uống café sữa')).toEqual(['warning']);
    expect(severity('ông Franklin phát biểu')).toEqual(['suggestion']);
  });

  it('accepts the lexicon, abbreviations, codes, addresses and single letters', () => {
    const text =
      'UBND, HĐND, camera, Festival Huế, 10 km, số 03/CT-UBND, COVID-19, https://hue.gov.vn, điểm a, khoản 2';
    expect(findings('spelling.unknown', text)).toEqual([]);
    expect(findings('spelling.unknown', 'ông Franklin và Zalo', { lexicon: ['Franklin'] })).toEqual([]);
  });
});
