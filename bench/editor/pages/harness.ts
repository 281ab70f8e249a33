/**
 * What every bench page shares: the timing of each typed key (keydown → the editor's commit,
 * keydown → the next animation frame) and the calls the bench drives the page with.
 */
export type Where = 'end' | 'middle';

export interface BenchPage {
  /** Builds the editor on the loaded content; resolves with the ms until it is editable and painted. */
  open(): Promise<number>;
  /** Focuses the editor with the caret at the end of the article or inside its middle paragraph. */
  place(where: Where): void;
  /** Resolves once `count` keys have both committed and reached a frame. */
  settled(count: number): Promise<void>;
  samples(): { commit: number[]; paint: number[] };
  /** Resolves once the work a typing pause starts (word count, proofreading) has run and the page is idle. */
  quiet(): Promise<void>;
}

declare global {
  interface Window {
    bench?: BenchPage;
  }
}

const commit: number[] = [];
const paint: number[] = [];
let pending: number | null = null;

// Capture on the document runs before the editor's own handlers see the key.
document.addEventListener(
  'keydown',
  (event) => {
    if (event.key.length !== 1) return;
    const start = event.timeStamp;
    pending = start;
    requestAnimationFrame(() => paint.push(performance.now() - start));
  },
  true,
);

/** Called by the page when the editor has applied the pending key. */
export function recordCommit(): void {
  if (pending === null) return;
  commit.push(performance.now() - pending);
  pending = null;
}

/** Longer than the longest pause the app waits for before working on what was typed (proofreading: 600 ms). */
const PAUSE_WORK_MS = 1000;

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/** `mount` attaches the editor; it is open once its editable element holds all `blocks` top-level blocks. */
export function install(mount: () => void, blocks: number): void {
  let editable: HTMLElement | null = null;
  window.bench = {
    async open() {
      const start = performance.now();
      mount();
      const ready = () => {
        const element = document.querySelector<HTMLElement>('[contenteditable="true"]');
        return element && element.childElementCount >= blocks ? element : null;
      };
      while (!ready()) await nextFrame();
      editable = ready();
      await nextFrame();
      return performance.now() - start;
    },
    place(where) {
      if (!editable) throw new Error('open() first');
      editable.focus();
      const paragraphs = [...editable.querySelectorAll(':scope > p')].filter((p) => (p.textContent ?? '').length > 50);
      const paragraph = where === 'end' ? paragraphs.at(-1) : paragraphs[Math.floor(paragraphs.length / 2)];
      const walker = document.createTreeWalker(paragraph!, NodeFilter.SHOW_TEXT);
      const text = walker.nextNode() as Text;
      const offset = where === 'end' ? text.length : text.data.indexOf(' ', Math.floor(text.length / 2)) + 1;
      const range = document.createRange();
      range.setStart(text, offset);
      range.collapse(true);
      const selection = getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
    },
    async settled(count) {
      const deadline = performance.now() + 2000;
      while ((commit.length < count || paint.length < count) && performance.now() < deadline) await nextFrame();
      if (commit.length < count || paint.length < count) throw new Error(`key ${count} never committed`);
    },
    samples: () => ({ commit: [...commit], paint: [...paint] }),
    async quiet() {
      await new Promise((resolve) => setTimeout(resolve, PAUSE_WORK_MS));
      await new Promise((resolve) => requestIdleCallback(resolve, { timeout: 2000 }));
    },
  };
}
