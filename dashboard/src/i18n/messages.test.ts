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

/** Every message id written as a string literal in the code ('user.…', "shell.…"; template ids are not seen). */
function idsUsed(): Set<string> {
  const ids = new Set<string>();
  for (const file of sources(join(__dirname, '..'))) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/["']((?:common|shell|user)\.[A-Za-z0-9_.]*[A-Za-z0-9_])["']/g)) {
      ids.add(match[1]);
    }
  }
  return ids;
}

describe('the message catalogues', () => {
  it('have every message the code names, in English and in Portuguese', () => {
    const used = [...idsUsed()];
    expect(used.length).toBeGreaterThan(100);
    expect(used.filter((id) => !(id in messages.en))).toEqual([]);
    expect(used.filter((id) => !(id in messages['pt-BR']))).toEqual([]);
  });

  it('translate every English message', () => {
    expect(Object.keys(messages['pt-BR']).sort()).toEqual(Object.keys(messages.en).sort());
    const untranslated = Object.keys(messages.en)
      .filter((id) => messages.en[id] === messages['pt-BR'][id] && !/^(shell\.product|user\.balance\.money)$/.test(id));
    expect(untranslated).toEqual([]);
  });
});
