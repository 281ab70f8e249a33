import type { CDPSession, Page } from '@playwright/test';
import { ui } from './ui';

/** One text run of the body as the editor holds it: its exact characters and format bits. */
export interface Run {
  text: string;
  format: number;
}

export const BOLD = 1;

/**
 * The body's blocks as runs, read from the editor's own state (Lexical keeps its editor on the
 * root element), so format and exact code points are checked, not how they happen to render.
 */
export async function readRuns(page: Page): Promise<Run[][]> {
  return ui(page).editor.body.evaluate((root) => {
    interface Node {
      type: string;
      text?: string;
      format?: number;
      children?: Node[];
    }
    const editor = (root as unknown as { __lexicalEditor: { getEditorState(): { toJSON(): { root: Node } } } })
      .__lexicalEditor;
    const blocks: Run[][] = [];
    const collect = (node: Node, into: Run[]): void => {
      if (node.type === 'text') into.push({ text: node.text ?? '', format: node.format ?? 0 });
      for (const child of node.children ?? []) collect(child, into);
    };
    for (const block of editor.getEditorState().toJSON().root.children ?? []) {
      const runs: Run[] = [];
      collect(block, runs);
      blocks.push(runs);
    }
    return blocks;
  });
}

/** The text of each block, exactly as stored (no normalization on the way out). */
export async function readBlocks(page: Page): Promise<string[]> {
  return (await readRuns(page)).map((runs) => runs.map((run) => run.text).join(''));
}

/**
 * An input method driven the way Chromium receives one: composition updates, then the commit.
 * Each step is the text the IME shows underlined, e.g. Telex "V", "Vi", "Vie", "Viê", "Việ", "Việt".
 */
export class Ime {
  private constructor(private readonly cdp: CDPSession) {}

  static async attach(page: Page): Promise<Ime> {
    return new Ime(await page.context().newCDPSession(page));
  }

  async compose(steps: string[]): Promise<void> {
    for (const text of steps) {
      await this.cdp.send('Input.imeSetComposition', {
        text,
        selectionStart: text.length,
        selectionEnd: text.length,
      });
    }
  }

  /** Commits `text` in place of the current composition (or inserts it, as Unikey does). */
  async commit(text: string): Promise<void> {
    await this.cdp.send('Input.insertText', { text });
  }

  /** Composes through every step, then commits the last one. */
  async type(steps: string[]): Promise<void> {
    await this.compose(steps);
    await this.commit(steps.at(-1) ?? '');
  }

  /** Drops the composition without committing, as Escape does in most IMEs. */
  async cancel(): Promise<void> {
    await this.cdp.send('Input.imeSetComposition', { text: '', selectionStart: 0, selectionEnd: 0 });
  }
}
