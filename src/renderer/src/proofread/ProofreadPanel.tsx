import { Badge, Button, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Severity, ToneStyle } from '../../../shared/proofread/types';
import type { HouseStyle } from '../../../shared/proofreadApi';
import { call } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import type { SidePanelProps } from '../review/ArticleSidePanel';
import { highlightsSupported } from './highlights';
import { IgnoredList } from './IgnoredList';
import { FIX_ALL_RULES } from './fix';
import { notifyDone } from '../components/notify';
import { useProofreader, type ShownFinding } from './useProofreader';
import './proofread.css';

const COLORS: Record<Severity, string> = { error: 'red', warning: 'orange', suggestion: 'blue' };

/**
 * Findings listed at a time. Every card is a stack of boxes the browser walks on each frame while
 * the reporter types beside it; a long article's hundred findings would slow typing for a list
 * nobody reads at once. The underlines in the text cover every finding.
 */
const PAGE = 20;

/** The "Soát lỗi" tab: what the proofreader found in the text on screen, each with its fix and an ignore. */
export function ProofreadPanel({ article, editorRef, active }: SidePanelProps & { active: boolean }) {
  const { t } = useTranslation();
  const proof = useProofreader(editorRef, article.id, active);
  const [house, setHouse] = useState<HouseStyle | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [ignores, setIgnores] = useState(0);
  const [listed, setListed] = useState(PAGE);
  const { recheck } = proof;
  const onIgnoredError = useCallback((error: unknown) => setFailure(error), []);

  useEffect(() => {
    if (!active) return;
    call('proofread.settings.get', {}).then(setHouse, () => setHouse(null));
  }, [active]);

  async function ignore(finding: ShownFinding) {
    setFailure(null);
    try {
      await proof.ignore(finding);
      setIgnores((n) => n + 1);
    } catch (error) {
      setFailure(error);
    }
  }

  const styles: ToneStyle[] = house?.toneStyle === 'old' ? ['old', 'new'] : ['new', 'old'];

  return (
    <Stack gap="sm" data-testid="proofread-panel">
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm" c="dimmed" data-testid="proofread-status" data-state={proof.state} aria-live="polite">
          {proof.state === 'checking' || proof.state === 'waiting'
            ? t('proofread.checking')
            : proof.findings.length === 0
              ? t('proofread.clean')
              : t('proofread.count', { count: proof.findings.length })}
        </Text>
        {proof.state === 'checking' ? <Loader size="xs" aria-hidden /> : null}
      </Group>

      {!highlightsSupported() ? (
        <Text size="xs" c="dimmed">
          {t('proofread.noUnderline')}
        </Text>
      ) : null}
      {proof.failure !== null ? <ErrorAlert error={proof.failure} /> : null}
      {failure !== null ? <ErrorAlert error={failure} /> : null}

      <Group gap="xs">
        {styles.map((style) => (
          <Button
            key={style}
            size="xs"
            variant={house?.toneStyle === style ? 'light' : 'default'}
            onClick={() => proof.convert(style)}
            data-testid={`proofread-convert-${style}`}
          >
            {t(style === 'new' ? 'proofread.toNew' : 'proofread.toOld')}
          </Button>
        ))}
      </Group>

      <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('proofread.listLabel')}>
        {proof.findings.slice(0, listed).map((finding) => (
          <Paper
            component="li"
            key={finding.id}
            withBorder
            p="xs"
            radius="sm"
            data-testid="proof-finding"
            data-rule={finding.rule}
          >
            <Stack gap={4}>
              <Group gap="xs" justify="space-between" wrap="nowrap">
                <Text size="xs" fw={600}>
                  {t(`proofread.rules.${finding.rule}`, { defaultValue: finding.rule })}
                </Text>
                <Badge size="xs" variant="light" color={COLORS[finding.severity]}>
                  {t(`proofread.severity.${finding.severity}`)}
                </Badge>
              </Group>
              <Text size="sm">{finding.message}</Text>
              <Text size="sm" data-testid="proof-text">
                <code
                  className="bt-proof-quote"
                  role="button"
                  tabIndex={0}
                  title={t('proofread.show')}
                  onClick={() => proof.reveal(finding)}
                  onKeyDown={(event) => event.key === 'Enter' && proof.reveal(finding)}
                >
                  {visible(finding.text)}
                </code>
                {finding.fix !== undefined ? (
                  <>
                    {' → '}
                    <code className="bt-proof-quote">{visible(finding.fix)}</code>
                  </>
                ) : null}
              </Text>
              <Group gap="xs">
                {finding.fixable ? (
                  <Button size="compact-xs" onClick={() => proof.applyFix(finding)} data-testid="proof-fix">
                    {t('proofread.fix')}
                  </Button>
                ) : null}
                {finding.fixable &&
                FIX_ALL_RULES.has(finding.rule) &&
                proof.findings.filter((other) => other.rule === finding.rule && other.fixable).length > 1 ? (
                  <Button
                    size="compact-xs"
                    variant="light"
                    onClick={() => {
                      const count = proof.applyAllOfRule(finding.rule);
                      if (count > 0) notifyDone(t('proofread.fixedAll', { count }));
                    }}
                    data-testid="proof-fix-all"
                  >
                    {t('proofread.fixAll')}
                  </Button>
                ) : null}
                <Button
                  size="compact-xs"
                  variant="default"
                  onClick={() => void ignore(finding)}
                  data-testid="proof-ignore"
                >
                  {t('proofread.ignore')}
                </Button>
              </Group>
            </Stack>
          </Paper>
        ))}
      </Stack>
      {proof.findings.length > listed ? (
        <Button variant="subtle" size="xs" onClick={() => setListed((n) => n + PAGE)} data-testid="proof-more">
          {t('proofread.more', { count: proof.findings.length - listed })}
        </Button>
      ) : null}
      {active ? (
        <IgnoredList articleId={article.id} version={ignores} onRestored={recheck} onError={onIgnoredError} />
      ) : null}
    </Stack>
  );
}

/** Spaces and line breaks shown as marks, so "two spaces" is something a reader can see. */
function visible(text: string): string {
  return text.replace(/ /g, '·').replace(/\n/g, '↵').replace(/\t/g, '⇥');
}
