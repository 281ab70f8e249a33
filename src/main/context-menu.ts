import type { MenuItemConstructorOptions } from 'electron';
import type { Labels } from './labels';

/** What Electron says about a right-click (`context-menu`'s params), the parts the menu needs. */
export interface ContextFacts {
  isEditable: boolean;
  selectionText: string;
  editFlags: { canCut: boolean; canCopy: boolean; canPaste: boolean; canSelectAll: boolean };
}

/**
 * The right-click menu: in a text field or the editor, cut, copy, paste, paste as plain text and
 * select all (each only when it can act), after the proofreader's fixes for the text under the pointer;
 * on selected text elsewhere, copy. Standard roles, so the
 * clipboard stays Chromium's and the page never reads it. Empty when there is nothing to offer.
 */
export function contextMenuTemplate(
  facts: ContextFacts,
  labels: Labels,
  suggestions: readonly { label: string; pick: () => void }[] = [],
): MenuItemConstructorOptions[] {
  if (facts.isEditable) {
    // The proofreader's fixes for the word under the pointer come first, as a spelling checker's would.
    const fixes: MenuItemConstructorOptions[] = suggestions.map((suggestion) => ({
      label: suggestion.label === '' ? labels.removeText : suggestion.label,
      click: suggestion.pick,
    }));
    return [
      ...fixes,
      ...(fixes.length > 0 ? [{ type: 'separator' as const }] : []),
      { role: 'cut', label: labels.cut, enabled: facts.editFlags.canCut },
      { role: 'copy', label: labels.copy, enabled: facts.editFlags.canCopy },
      { role: 'paste', label: labels.paste, enabled: facts.editFlags.canPaste },
      { role: 'pasteAndMatchStyle', label: labels.pastePlain, enabled: facts.editFlags.canPaste },
      { type: 'separator' },
      { role: 'selectAll', label: labels.selectAll, enabled: facts.editFlags.canSelectAll },
    ];
  }
  if (facts.selectionText.trim() !== '') return [{ role: 'copy', label: labels.copy }];
  return [];
}
