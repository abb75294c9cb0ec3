// Cursor pages over `{data, list_metadata: {before, after}}`. `after` is non-null iff another
// page exists; the next page re-sends the same query with `after` (and without `before`).

export interface ListMetadata {
  before: string | null;
  after: string | null;
}

export interface ListResponse<T> {
  data: T[];
  list_metadata: ListMetadata;
}

export type PageFetcher<T> = (query: Record<string, unknown>) => Promise<ListResponse<T>>;

export class Page<T> implements AsyncIterable<T> {
  readonly data: T[];
  readonly list_metadata: ListMetadata;

  constructor(
    response: ListResponse<T>,
    protected readonly query: Record<string, unknown>,
    protected readonly fetchPage: PageFetcher<T>,
  ) {
    this.data = response.data ?? [];
    this.list_metadata = response.list_metadata ?? { before: null, after: null };
  }

  hasNextPage(): boolean {
    return this.list_metadata.after != null;
  }

  /** The query that fetches the following page; throws when there is none. */
  nextPageQuery(): Record<string, unknown> {
    if (!this.hasNextPage()) throw new Error('No next page; check hasNextPage() first');
    const { before: _before, ...rest } = this.query;
    return { ...rest, after: this.list_metadata.after };
  }

  async getNextPage(): Promise<this> {
    const query = this.nextPageQuery();
    const response = await this.fetchPage(query);
    const Ctor = this.constructor as new (r: ListResponse<T>, q: Record<string, unknown>, f: PageFetcher<T>) => this;
    return new Ctor(response, query, this.fetchPage);
  }

  /** This page, then each following page. */
  async *iterPages(): AsyncGenerator<this> {
    let page: this = this;
    yield page;
    while (page.hasNextPage()) {
      page = await page.getNextPage();
      yield page;
    }
  }

  /** Every item from this page on, fetching pages as needed. */
  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for await (const page of this.iterPages()) yield* page.data;
  }
}

/**
 * What `list()` returns: awaitable (→ the first Page) and directly `for await`-able over all
 * items. The request starts on first use, so an un-awaited list() never rejects unhandled.
 */
export class PagePromise<P extends Page<T>, T> implements PromiseLike<P>, AsyncIterable<T> {
  private promise: Promise<P> | undefined;

  constructor(private readonly load: () => Promise<P>) {}

  private start(): Promise<P> {
    return (this.promise ??= this.load());
  }

  then<A = P, B = never>(
    onfulfilled?: ((value: P) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: any) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.start().then(onfulfilled, onrejected);
  }

  catch<B = never>(onrejected?: ((reason: any) => B | PromiseLike<B>) | null): Promise<P | B> {
    return this.start().catch(onrejected);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    const page = await this.start();
    yield* page;
  }
}
