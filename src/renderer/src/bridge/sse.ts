/** One `text/event-stream` message's data, with the unparsed rest of the buffer. */
export interface SseParse {
  messages: string[];
  rest: string;
}

/**
 * Splits a server-sent-events buffer into complete messages. Only `data:` lines matter here:
 * the host sends every event as one JSON `data` line, and comment lines keep the stream alive.
 */
export function parseSse(buffer: string): SseParse {
  const normalized = buffer.replace(/\r\n?/g, '\n');
  const blocks = normalized.split('\n\n');
  const rest = blocks.pop() ?? '';
  const messages: string[] = [];
  for (const block of blocks) {
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('data:')) data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
    }
    if (data.length > 0) messages.push(data.join('\n'));
  }
  return { messages, rest };
}
