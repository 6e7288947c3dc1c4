/** One area's messages: English, and Brazilian Portuguese with exactly the same keys. */
export function catalogue<const K extends string>(en: Record<K, string>, ptBR: Record<K, string>) {
  return { en, 'pt-BR': ptBR } as { en: Record<K, string>; 'pt-BR': Record<K, string> };
}
