import { ActionIcon, Button, Group, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../shared/api/contract';
import { call } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { notifyDone } from '../../components/notify';

type Entry = MethodOutput<'proofread.lexicon.list'>['items'][number];

/** The office's own words, which proofreading accepts as written. */
export function LexiconEditor() {
  const { t } = useTranslation();
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [word, setWord] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  const load = useCallback(async () => {
    try {
      setEntries((await call('proofread.lexicon.list', {})).items);
    } catch (error) {
      setFailure(error);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  async function run(action: () => Promise<unknown>) {
    setBusy(true);
    setFailure(null);
    try {
      await action();
      await load();
      return true;
    } catch (error) {
      setFailure(error);
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function add(event: FormEvent) {
    event.preventDefault();
    const clean = word.trim();
    if (!clean) return;
    if (await run(() => call('proofread.lexicon.add', { word: clean }))) {
      setWord('');
      notifyDone(t('houseStyle.wordAdded', { word: clean }));
    }
  }

  return (
    <Paper withBorder p="md" radius="sm" data-testid="lexicon-editor">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('houseStyle.lexiconHint')}
        </Text>
        <form onSubmit={add} noValidate>
          <Group align="flex-end" gap="xs">
            <TextInput
              label={t('houseStyle.word')}
              value={word}
              maxLength={100}
              onChange={(event) => setWord(event.currentTarget.value)}
              lang="vi"
            />
            <Button type="submit" loading={busy} disabled={!word.trim()}>
              {t('houseStyle.add')}
            </Button>
          </Group>
        </form>
        {failure !== null ? <ErrorAlert error={failure} /> : null}
        {entries !== null && entries.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('houseStyle.empty')}
          </Text>
        ) : null}
        {entries !== null && entries.length > 0 ? (
          <Table aria-label={t('houseStyle.lexicon')}>
            <Table.Tbody>
              {entries.map((entry) => (
                <Table.Tr key={entry.word} data-testid="lexicon-word">
                  <Table.Td>{entry.word}</Table.Td>
                  <Table.Td>
                    <Text size="xs" c="dimmed">
                      {entry.addedBy ? t('houseStyle.addedBy', { name: entry.addedBy }) : null}
                    </Text>
                  </Table.Td>
                  <Table.Td w={60}>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('houseStyle.removeWord', { word: entry.word })}
                      disabled={busy}
                      onClick={() =>
                        void run(() => call('proofread.lexicon.remove', { word: entry.word })).then(
                          (done) => done && notifyDone(t('houseStyle.wordRemoved', { word: entry.word })),
                        )
                      }
                    >
                      ×
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : null}
      </Stack>
    </Paper>
  );
}
