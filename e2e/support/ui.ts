import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';

/**
 * The Vietnamese catalogue the app shows by default. Specs find controls by role and by these
 * labels, as a person does, so they follow any change of wording made in the catalogue.
 */
export const vi = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, '../../src/renderer/src/i18n/vi.json'), 'utf8'),
) as Catalogue;

interface Catalogue {
  app: { signOut: string };
  status: { draft: string };
  setup: {
    title: string;
    username: string;
    displayName: string;
    password: string;
    passwordRepeat: string;
    submit: string;
  };
  login: { title: string; username: string; password: string; submit: string };
  list: { title: string; new: string };
  editor: { back: string; title: string; summary: string; body: string };
}

/** Every control the specs touch, in one place. */
export function ui(page: Page) {
  // By accessible name, which leaves out the decorative "*" a required field's label shows.
  const field = (name: string) => page.getByRole('textbox', { name, exact: true });
  return {
    setup: {
      heading: page.getByRole('heading', { name: vi.setup.title }),
      username: field(vi.setup.username),
      displayName: field(vi.setup.displayName),
      password: field(vi.setup.password),
      passwordRepeat: field(vi.setup.passwordRepeat),
      submit: page.getByRole('button', { name: vi.setup.submit }),
    },
    login: {
      heading: page.getByRole('heading', { name: vi.login.title }),
      username: field(vi.login.username),
      password: field(vi.login.password),
      submit: page.getByRole('button', { name: vi.login.submit, exact: true }),
      error: page.getByRole('alert'),
    },
    shell: {
      header: page.getByRole('banner'),
      signOut: page.getByRole('button', { name: vi.app.signOut }),
    },
    list: {
      heading: page.getByRole('heading', { name: vi.list.title, exact: true }),
      create: page.getByRole('button', { name: vi.list.new }),
      rows: page.getByRole('row'),
    },
    editor: {
      title: field(vi.editor.title),
      summary: field(vi.editor.summary),
      body: page.getByRole('textbox', { name: vi.editor.body, exact: true }),
      back: page.getByRole('button', { name: vi.editor.back }),
      /** `data-state` is saved | unsaved | saving | error. */
      saveStatus: page.getByTestId('save-status'),
    },
  };
}
