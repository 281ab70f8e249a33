import { $insertDataTransferForRichText } from '@lexical/clipboard';
import {
  $createParagraphNode,
  $createTextNode,
  $getNodeByKey,
  $getRoot,
  $getSelection,
  $insertNodes,
  $isRangeSelection,
  $setSelection,
  COMMAND_PRIORITY_LOW,
  PASTE_COMMAND,
  type BaseSelection,
  type LexicalEditor,
} from 'lexical';
import { readPortalPage, type PortalPage } from '../../../../shared/portal/page';
import { legacyToText } from './pdfPasteExtension';

/** A page copied from a portal, waiting for the reporter to say where its parts go. */
export interface PageOffer {
  page: PortalPage;
  /** Title, sapo and byline go to their fields (the screen's part); this puts the body at the caret. */
  placeBody: (paragraphs: string[]) => void;
  /** The paste as it came (links into the copied site dropped). */
  pasteAsIs: () => void;
  /** Links dropped from the pasted HTML because they pointed into the copied site. */
  droppedLinks: number;
}

export interface SourcePasteHandlers {
  onPage: (offer: PageOffer) => void;
  /** A paste went in without links that pointed into the copied site. */
  onLinksDropped: (count: number) => void;
}

const LOOPBACK = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\]|0\.0\.0\.0)$/i;
const HAS_SCHEME = /^[a-z][a-z\d+.-]*:/i;

/**
 * Links that pointed inside the page the text was copied from are no address a reader can
 * follow: a relative link ("/tin-tuc/123.html"), which the browser turns into one on this app's
 * own address, and a link to this machine. They become plain text; the count is returned.
 */
export function dropInSiteLinks(html: string, ownOrigin: string): { html: string; dropped: number } {
  if (!/<a\s/i.test(html)) return { html, dropped: 0 };
  const doc = new DOMParser().parseFromString(html, 'text/html');
  let dropped = 0;
  for (const link of Array.from(doc.querySelectorAll('a[href]'))) {
    const href = (link.getAttribute('href') ?? '').trim();
    if (href === '' || href.startsWith('mailto:')) continue;
    let inSite = !HAS_SCHEME.test(href);
    if (!inSite) {
      try {
        const url = new URL(href);
        inSite = url.origin === ownOrigin || LOOPBACK.test(url.hostname);
      } catch {
        inSite = true;
      }
    }
    if (!inSite) continue;
    link.replaceWith(...Array.from(link.childNodes));
    dropped += 1;
  }
  return dropped === 0 ? { html, dropped } : { html: doc.body.innerHTML, dropped };
}

/** Clipboard data as Lexical's import reads it. */
function transferOf(data: Record<string, string>): DataTransfer {
  const types = Object.keys(data).filter((type) => data[type] !== '');
  return { getData: (type: string) => data[type] ?? '', types, files: [] } as unknown as DataTransfer;
}

/** The selection saved when the offer was made, if its nodes are still there; else the end of the text. */
function $restore(saved: BaseSelection | null) {
  const usable =
    $isRangeSelection(saved) && $getNodeByKey(saved.anchor.key) !== null && $getNodeByKey(saved.focus.key) !== null;
  if (usable) $setSelection(saved.clone());
  else $getRoot().selectEnd();
  return $getSelection();
}

/** The page's body paragraphs at the selection, each a paragraph of plain text. */
export function $insertParagraphs(paragraphs: string[]): void {
  $insertNodes(paragraphs.map((text) => $createParagraphNode().append($createTextNode(text))));
}

/**
 * Watches pastes of text copied from somewhere (the plain text and HTML a browser puts on the
 * clipboard): a portal page is offered to be taken apart instead of pasted whole, and links
 * into the copied site are dropped from any HTML paste. Everything else (Word, PDF, images,
 * text copied inside the editor) goes on to the editor's own paste handling.
 */
export function registerSourcePaste(editor: LexicalEditor, handlers: SourcePasteHandlers): () => void {
  return editor.registerCommand(
    PASTE_COMMAND,
    (event) => {
      if (!editor.isEditable()) return false;
      if (!(typeof ClipboardEvent !== 'undefined' && event instanceof ClipboardEvent)) return false;
      const clipboard = event.clipboardData;
      if (!clipboard || clipboard.types.includes('application/x-lexical-editor') || clipboard.files.length > 0) {
        return false;
      }
      const text = clipboard.getData('text/plain');
      const html = clipboard.getData('text/html');
      const page = text ? readPortalPage(legacyToText(text), { layout: 'normalise' }) : null;
      const cleaned = html ? dropInSiteLinks(html, window.location.origin) : { html, dropped: 0 };
      if (!page && cleaned.dropped === 0) return false;
      event.preventDefault();

      const saved = editor.getEditorState().read(() => $getSelection()?.clone() ?? null);
      const pasteAsIs = () => {
        editor.update(() => {
          const selection = $restore(saved);
          if (selection)
            $insertDataTransferForRichText(
              transferOf({ 'text/plain': text, 'text/html': cleaned.html }),
              selection,
              editor,
            );
        });
        if (cleaned.dropped > 0) handlers.onLinksDropped(cleaned.dropped);
      };
      if (!page) {
        pasteAsIs();
        return true;
      }
      handlers.onPage({
        page,
        droppedLinks: cleaned.dropped,
        pasteAsIs,
        placeBody: (paragraphs) =>
          editor.update(() => {
            $restore(saved);
            $insertParagraphs(paragraphs);
          }),
      });
      return true;
    },
    COMMAND_PRIORITY_LOW,
  );
}
