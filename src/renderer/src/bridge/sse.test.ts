import { describe, expect, it } from 'vitest';
import { parseSse } from './sse';

describe('parseSse', () => {
  it('returns complete messages and keeps a partial one for the next chunk', () => {
    const first = parseSse('data: {"event":"app.flush"}\n\n: keep-alive\n\ndata: {"ev');
    expect(first.messages).toEqual(['{"event":"app.flush"}']);
    const second = parseSse(`${first.rest}ent":"articles.changed"}\r\n\r\n`);
    expect(second.messages).toEqual(['{"event":"articles.changed"}']);
    expect(second.rest).toBe('');
  });

  it('joins multi-line data and accepts data without a space', () => {
    expect(parseSse('data:a\ndata: b\n\n').messages).toEqual(['a\nb']);
  });
});
