/**
 * words.repeated: the same word twice with only spaces between (`của của`). Vietnamese doubles
 * words on purpose (reduplication: dần dần, song song, ngày ngày) and a word may end one compound
 * and start the next (trở thành thành phố), so only function words, which do neither, are
 * reported anywhere; any other word only when the pair ends a clause (`… phố phố.`).
 */
import type { BlockInput, Hit } from './rule';

const FUNCTION_WORDS = new Set(
  (
    'của và là các những được trong với cho đã sẽ đang để thì mà một này không ở tại về theo bị do vì ' +
    'nên nhưng hoặc cũng đến khi như bằng trên dưới nhằm đối qua vào tới hay hoặc rằng'
  ).split(' '),
);

/** Words Vietnamese doubles on purpose (song song, dần dần, ầm ầm, chuồn chuồn). */
const REDUPLICATED = new Set(
  (
    'song dần từ ngày người nhà đâu thường xa lâu đời mãi đêm năm tháng chiều sáng tối ai gì nơi hay vừa ' +
    'luôn đều chốc nhiều ầm ào rầm đùng bon tà ba cào chuồn ve oa'
  ).split(' '),
);

export function repeated(input: BlockInput): Hit[] {
  const hits: Hit[] = [];
  const { words, text } = input;
  for (let i = 1; i < words.length; i++) {
    const a = words[i - 1]!;
    const b = words[i]!;
    const lower = b.text.normalize('NFC').toLowerCase();
    if (a.text.normalize('NFC').toLowerCase() !== lower || a.code || b.code) continue;
    if (!/^\s+$/.test(text.slice(a.end, b.start))) continue;
    const endsClause = /^\s*([.,;:!?…)”]|$)/.test(text.slice(b.end));
    if (REDUPLICATED.has(lower) || (!FUNCTION_WORDS.has(lower) && !endsClause)) continue;
    hits.push({
      start: a.end,
      end: b.end,
      rule: 'words.repeated',
      severity: 'warning',
      message: `Từ “${b.text}” bị lặp lại. Xóa một lần.`,
      fix: '',
    });
  }
  return hits;
}
