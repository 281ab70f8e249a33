import { Text, Tooltip } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../shared/api/contract';
import { call } from '../api';
import { getBridge } from '../bridge';

type OfficeStatus = MethodOutput<'office.status'>;

/** Re-read this often besides the core's events: the pending count moves with acknowledgements too. */
const REFRESH_MS = 5_000;

/**
 * The one place that says where this workstation stands with the office server: "Đã đồng bộ lúc …",
 * "Đang đồng bộ" or "Ngoại tuyến — N thay đổi chưa gửi", with the reason of a broken link on hover.
 * Nothing on a workstation that belongs to no office.
 */
export function OfficeStatusLine() {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<OfficeStatus | null>(null);

  const refresh = useCallback(async () => {
    try {
      setStatus(await call('office.status', {}));
    } catch {
      // Signed out or the core is away: the line shows what it last knew until the next answer.
    }
  }, []);

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    const off = getBridge().on('office.changed', () => void refresh());
    return () => {
      clearInterval(timer);
      off();
    };
  }, [refresh]);

  if (!status || status.state === 'none') return null;
  const time = status.lastSyncAt
    ? new Date(status.lastSyncAt).toLocaleTimeString(i18n.language === 'vi' ? 'vi-VN' : 'en-GB', {
        hour: '2-digit',
        minute: '2-digit',
      })
    : null;
  const label =
    status.state === 'synced'
      ? t('office.synced', { time: time ?? '' })
      : status.state === 'syncing'
        ? status.articlesToSync > 0
          ? t('office.syncingArticles', { count: status.articlesToSync })
          : t('office.syncing')
        : status.pendingChanges > 0
          ? t('office.offlinePending', { count: status.pendingChanges })
          : t('office.offline');
  const color = status.state === 'synced' ? 'teal.8' : status.state === 'syncing' ? 'indigo.7' : 'orange.8';
  return (
    <Tooltip
      label={status.problem ?? status.server ?? ''}
      disabled={!status.problem && !status.server}
      multiline
      w={320}
    >
      <Text size="sm" c={color} data-testid="office-status" data-state={status.state} role="status" aria-live="polite">
        {label}
      </Text>
    </Tooltip>
  );
}
