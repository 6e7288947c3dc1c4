/**
 * A CSV download of the same endpoint and query a page shows: the server writes the CSV (`format=csv`), never the
 * browser. Empty and undefined parameters are left out; a list is sent comma-separated, as the services read it.
 */
export function csvHref(path: string, params: Record<string, string | number | readonly string[] | undefined>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    const text = Array.isArray(value) ? value.join(',') : value;
    if (text !== undefined && text !== '') {
      query.set(name, String(text));
    }
  }
  query.set('format', 'csv');
  return `${path}?${query}`;
}
