import { Select, type ComboboxItem, type OptionsFilter } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listedCategory } from '../../../shared/categories';
import { fold } from '../../../shared/text';
import { call } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { notifyDone } from '../components/notify';
import { useCategories } from './useCategories';

/** The option that adds what was typed to the list; no category can be named so (it is not text). */
const ADD = '\u0000add';

/** Options whose name contains what was typed, case and tone marks aside ("van hoa" finds "Văn hóa"). */
export const foldedFilter: OptionsFilter = ({ options, search }) => {
  const wanted = fold(search.trim());
  return options.filter((option) => {
    const item = option as ComboboxItem;
    return item.value === ADD || fold(item.label).includes(wanted);
  });
};

/**
 * The article's category, picked from the office's list; those allowed may add what they typed.
 * A category the list has since dropped stays shown, marked, until another is picked.
 */
export function CategoryPicker({
  value,
  onChange,
  onBlur,
}: {
  value: string;
  onChange: (category: string) => void;
  onBlur: () => void;
}) {
  const { t } = useTranslation();
  const { choices, failure, setChoices } = useCategories();
  const [search, setSearch] = useState('');
  const [addFailure, setAddFailure] = useState<unknown>(null);
  const names = choices?.names ?? [];
  const typed = search.trim();
  const offerAdd = choices?.mayAdd === true && typed !== '' && typed !== value && !listedCategory(names, typed);
  const data: ComboboxItem[] = [
    ...(value !== '' && !names.includes(value) ? [{ value, label: value }] : []),
    ...names.map((name) => ({ value: name, label: name })),
    ...(offerAdd ? [{ value: ADD, label: t('categories.addTyped', { name: typed }) }] : []),
  ];

  const add = async (name: string) => {
    setAddFailure(null);
    try {
      const added = await call('categories.add', { name });
      setChoices(added);
      onChange(added.name);
      notifyDone(t('categories.added', { name: added.name }));
    } catch (error) {
      setAddFailure(error);
    }
    onBlur();
  };

  return (
    <div>
      <Select
        label={t('publishing.category')}
        description={value !== '' && choices && !names.includes(value) ? t('categories.notListed') : undefined}
        placeholder={t('categories.pick')}
        data={data}
        value={value === '' ? null : value}
        searchable
        clearable
        searchValue={search}
        onSearchChange={setSearch}
        filter={foldedFilter}
        nothingFoundMessage={choices?.mayAdd ? undefined : t('categories.nothingFound')}
        onChange={(picked) => {
          if (picked === ADD) {
            void add(typed);
            return;
          }
          onChange(picked ?? '');
          onBlur();
        }}
        onBlur={onBlur}
        data-testid="meta-category"
        lang="vi"
      />
      {failure !== null ? <ErrorAlert error={failure} /> : null}
      {addFailure !== null ? <ErrorAlert error={addFailure} /> : null}
    </div>
  );
}
