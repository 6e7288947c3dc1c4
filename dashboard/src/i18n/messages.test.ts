import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { messages } from './messages';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'generated' || name === 'test' ? [] : sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Every message id written as a string literal in the code ('user.…', "admin.…"; template ids are not seen). */
function idsUsed(): Set<string> {
  const ids = new Set<string>();
  for (const file of sources(join(__dirname, '..'))) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/["']((?:common|shell|user|admin|finance)\.[A-Za-z0-9_.]*[A-Za-z0-9_])["']/g)) {
      ids.add(match[1]);
    }
  }
  return ids;
}

/**
 * The messages Portuguese writes exactly as English, each named: the product's name, a number with its unit or
 * symbol, and words Brazilian Portuguese borrows (tokens, manual, PIX). Any other identical pair is a missed
 * translation.
 */
const SAME_IN_PORTUGUESE = new Set([
  'shell.product',
  'user.balance.money',
  'admin.credits.inMoney',
  'admin.usage.col.tokens',
  'finance.col.tokens',
  'finance.method.manual',
  'finance.manualMethod.pix',
  'finance.replay.seconds',
  // The reconciliation's "no drift to show" mark: a dash in every language.
  'finance.recon.noDrift',
]);

describe('the message catalogues', () => {
  it('have every message the code names, in English and in Portuguese', () => {
    // A literal that only prefixes ids ('finance.method' + '.' + the API's value) is not a message itself.
    const isPrefix = (id: string) => Object.keys(messages.en).some((known) => known.startsWith(`${id}.`));
    const used = [...idsUsed()].filter((id) => id in messages.en || !isPrefix(id));
    expect(used.length).toBeGreaterThan(100);
    expect(used.filter((id) => !(id in messages.en))).toEqual([]);
    expect(used.filter((id) => !(id in messages['pt-BR']))).toEqual([]);
  });

  it('translate every English message', () => {
    expect(Object.keys(messages['pt-BR']).sort()).toEqual(Object.keys(messages.en).sort());
    const untranslated = Object.keys(messages.en)
      .filter((id) => messages.en[id] === messages['pt-BR'][id] && !SAME_IN_PORTUGUESE.has(id));
    expect(untranslated).toEqual([]);
  });

  it('list as the same in Portuguese only messages that are', () => {
    expect([...SAME_IN_PORTUGUESE].filter((id) => messages.en[id] !== messages['pt-BR'][id])).toEqual([]);
  });
});
