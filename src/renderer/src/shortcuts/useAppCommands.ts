import { useHotkeys } from '@mantine/hooks';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import { getBridge } from '../bridge';
import { notifyDone } from '../components/notify';
import type { Route } from '../router';
import { COMMAND_KEYS, isAppCommand, nextInQueue, type AppCommand } from './commands';

export interface CommandContext {
  signedIn: boolean;
  mayCreate: boolean;
  route: Route;
  navigate: (route: Route) => void;
  /** The articles waiting for this person, in the queue's order. */
  queue: readonly string[];
}

/**
 * The app-level shortcuts (new article, search, next in the queue), from the keyboard in any host and
 * from the desktop app's menu, which sends the same command. Inside text fields too: they carry Ctrl+Alt,
 * which typing never does.
 */
export function useAppCommands(context: CommandContext): void {
  const { t } = useTranslation();
  const latest = useRef(context);
  latest.current = context;

  const run = useRef(async (command: AppCommand) => {
    const { signedIn, mayCreate, route, navigate, queue } = latest.current;
    if (!signedIn) return;
    if (command === 'newArticle') {
      if (!mayCreate) return;
      const article = await call('articles.create', {});
      navigate({ name: 'article', id: article.id });
    } else if (command === 'search') {
      navigate({ name: 'list' });
      // The list renders first; then its search box takes the keys.
      setTimeout(() => document.querySelector<HTMLInputElement>('[data-testid="search-input"]')?.focus(), 50);
    } else {
      const next = nextInQueue(queue, route.name === 'article' ? route.id : null);
      if (next) navigate({ name: 'article', id: next });
      else notifyDone(t('shortcuts.queueEmpty'));
    }
  });
  const perform = (command: AppCommand) => void run.current(command).catch(() => undefined);

  useHotkeys(
    (Object.entries(COMMAND_KEYS) as [AppCommand, string][]).map(([command, keys]) => [
      keys,
      () => perform(command),
      // By the key's place, not the letter it types: Alt changes the letter on a Mac.
      { usePhysicalKeys: true },
    ]),
    [],
    true,
  );
  useEffect(
    () =>
      getBridge().on('app.command', (payload) => {
        const command = (payload as { command?: unknown } | null)?.command;
        if (isAppCommand(command)) perform(command);
      }),
    [],
  );
}
