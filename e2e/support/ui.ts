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
  status: Record<
    'draft' | 'submitted' | 'changes_requested' | 'approved' | 'scheduled' | 'published' | 'withdrawn',
    string
  >;
  roles: Record<'reporter' | 'editor' | 'head' | 'admin', string>;
  nav: { articles: string; queue: string; returned: string; accounts: string; changePassword: string };
  panel: { review: string; comments: string; history: string };
  accounts: {
    title: string;
    create: string;
    edit: string;
    save: string;
    disable: string;
    enable: string;
    disabled: string;
    active: string;
    resetPassword: string;
    newPassword: string;
    username: string;
    displayName: string;
    role: string;
    password: string;
    byline: string;
    unit: string;
  };
  comments: { add: string; text: string; send: string; resolve: string };
  history: { compare: string; sinceApproval: string; sinceMySubmission: string; diffTitle: string };
  review: {
    submit: string;
    requestChanges: string;
    note: string;
    approve: string;
    password: string;
    sign: string;
    publish: string;
    schedule: string;
    valid: string;
    invalid: string;
    voided: string;
    slip: string;
  };
  slip: { title: string; print: string };
  password: { current: string; new: string; repeat: string; save: string; done: string };
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
    nav: {
      articles: page.getByRole('navigation').getByRole('button', { name: vi.nav.articles }),
      queue: page.getByRole('navigation').getByRole('button', { name: vi.nav.queue }),
      returned: page.getByRole('navigation').getByRole('button', { name: vi.nav.returned }),
      accounts: page.getByRole('navigation').getByRole('button', { name: vi.nav.accounts }),
    },
    accounts: {
      heading: page.getByRole('heading', { name: vi.accounts.title, exact: true }),
      create: page.getByRole('button', { name: vi.accounts.create, exact: true }),
      form: page.getByRole('dialog'),
      rows: page.getByRole('row'),
    },
    panel: {
      root: page.getByRole('complementary'),
      tab: (name: 'review' | 'comments' | 'history') => page.getByRole('tab', { name: vi.panel[name], exact: true }),
      status: page.getByTestId('review-status'),
      action: (name: 'submit' | 'requestChanges' | 'approve' | 'publish' | 'schedule') =>
        page.getByRole('complementary').getByRole('button', { name: vi.review[name], exact: true }),
      approvalBadge: page.getByTestId('approval-badge'),
      error: page.getByTestId('review-error'),
      dialog: page.getByRole('dialog'),
      startComment: page.getByRole('button', { name: vi.comments.add, exact: true }),
      threads: page.getByTestId('comment-thread'),
      revisions: page.getByTestId('revision-row'),
      diff: page.getByTestId('diff-view'),
    },
    editor: {
      title: field(vi.editor.title),
      summary: field(vi.editor.summary),
      body: page.getByRole('textbox', { name: vi.editor.body, exact: true }),
      back: page.getByRole('button', { name: vi.editor.back }),
      /** `data-state` is saved | unsaved | saving | error. */
      saveStatus: page.getByTestId('save-status'),
      /** On an office workstation: who else has the article open. */
      viewers: page.getByTestId('editor-viewers'),
    },
  };
}
