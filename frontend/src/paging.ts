// Reading every page of a connection, for lists that must not stop at the first 100 rows.

export interface PageOf<T> {
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

/** Every node, fetching page after page (``after`` is null for the first) until the last. */
export async function everyPage<T>(fetchPage: (after: string | null) => Promise<PageOf<T>>): Promise<T[]> {
  const nodes: T[] = [];
  let after: string | null = null;
  for (;;) {
    const page: PageOf<T> = await fetchPage(after);
    nodes.push(...page.nodes);
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return nodes;
    after = page.pageInfo.endCursor;
  }
}

/** ``extra`` nodes not already in ``first`` (by id), after them. */
export function withoutRepeats<T extends { id: string }>(first: T[], extra: T[]): T[] {
  const seen = new Set(first.map((n) => n.id));
  return [...first, ...extra.filter((n) => !seen.has(n.id))];
}
