import { DEFAULT_HOUSE_STYLE, houseStyleSchema, type HouseStyle } from '../../shared/proofreadApi';
import type { CoreContext } from '../context';
import { settingStore } from '../settings/store';

const store = settingStore('proofread.house', houseStyleSchema, DEFAULT_HOUSE_STYLE);

/** The office's house style; the defaults until an administrator saves one. */
export const readHouseStyle = store.read;

export function writeHouseStyle(ctx: CoreContext, style: HouseStyle, userId: string): HouseStyle {
  return store.write(
    ctx,
    {
      toneStyle: style.toneStyle,
      blockingChecks: [...new Set(style.blockingChecks)],
      disabledRules: [...new Set(style.disabledRules)],
      pressAbbreviations: [...new Set(style.pressAbbreviations.map((abbr) => abbr.normalize('NFC')))],
    },
    userId,
  );
}
