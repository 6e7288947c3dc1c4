/*
 * Every area's catalogue merged, per language. An area adds one import and one spread here. Each area's pt-BR
 * catalogue is typed against its English one, so a missing translation fails the build.
 */
import type { Locale } from './locales';
import common from '../common/messages';
import shell from '../shell/messages';
import user from '../user/messages';
import admin from '../admin/messages';
import finance from '../finance/messages';

const areas = [common, shell, user, admin, finance];

export const messages: Record<Locale, Record<string, string>> = {
  en: Object.assign({}, ...areas.map((area) => area.en)),
  'pt-BR': Object.assign({}, ...areas.map((area) => area['pt-BR'])),
};
