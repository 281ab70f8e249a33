import { Autocomplete, Group, SegmentedControl, Select } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useTranslation } from 'react-i18next';
import { ARTICLE_STATUSES, type ArticleStatus } from '../../../shared/domain';
import type { SearchSort } from '../../../shared/search';
import { foldedFilter } from '../categories/CategoryPicker';
import { useCategories } from '../categories/useCategories';
import { DAY_FORMAT } from '../components/dates';
import type { SearchFilters as Filters } from './useSearch';

export interface SearchFiltersProps {
  filters: Filters;
  onFilters: (filters: Filters) => void;
  sort: SearchSort;
  onSort: (sort: SearchSort) => void;
  /** The authors whose articles this user can see, for the author filter. */
  authors: { id: string; name: string }[];
}

export function SearchFilters({ filters, onFilters, sort, onSort, authors }: SearchFiltersProps) {
  const { t } = useTranslation();
  const set = (patch: Partial<Filters>) => onFilters({ ...filters, ...patch });
  // The office's categories offered as typed; a category no longer listed can still be typed in full.
  const { choices: categories } = useCategories();
  return (
    <Group gap="sm" align="end" wrap="wrap" data-testid="search-filters">
      <Select
        label={t('search.status')}
        placeholder={t('search.any')}
        clearable
        w={160}
        data={ARTICLE_STATUSES.map((status) => ({ value: status, label: t(`status.${status}`) }))}
        value={filters.status ?? null}
        onChange={(value) => set({ status: (value as ArticleStatus | null) ?? undefined })}
      />
      <Select
        label={t('search.author')}
        placeholder={t('search.any')}
        clearable
        searchable
        w={200}
        data={authors.map((author) => ({ value: author.id, label: author.name }))}
        value={filters.authorId ?? null}
        onChange={(value) => set({ authorId: value ?? undefined })}
      />
      <Autocomplete
        label={t('search.category')}
        w={180}
        data={categories?.names ?? []}
        filter={foldedFilter}
        value={filters.category ?? ''}
        onChange={(category) => set({ category })}
        lang="vi"
      />
      <DatePickerInput
        label={t('search.from')}
        w={150}
        valueFormat={DAY_FORMAT}
        clearable
        value={filters.fromDay ?? null}
        onChange={(day) => set({ fromDay: day ?? undefined })}
        data-testid="search-from"
      />
      <DatePickerInput
        label={t('search.to')}
        w={150}
        valueFormat={DAY_FORMAT}
        clearable
        value={filters.toDay ?? null}
        onChange={(day) => set({ toDay: day ?? undefined })}
        data-testid="search-to"
      />
      <SegmentedControl
        aria-label={t('search.sort')}
        value={sort}
        onChange={(value) => onSort(value as SearchSort)}
        data={[
          { value: 'relevance', label: t('search.byRelevance') },
          { value: 'date', label: t('search.byDate') },
        ]}
      />
    </Group>
  );
}
