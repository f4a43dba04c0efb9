/**
 * A list call: awaited, it is the first page as the API answers it; iterated with `for await`, it
 * is every item of every page, fetched a page at a time as the loop reaches it.
 */
export class PagePromise<Page, Item> implements PromiseLike<Page>, AsyncIterable<Item> {
  private first?: Promise<Page>;

  constructor(
    private readonly fetchPage: (page: number) => Promise<Page>,
    private readonly startPage: number,
    private readonly itemsOf: (page: Page) => Item[],
    private readonly hasNext: (page: Page, pageNumber: number, seen: number) => boolean,
  ) {}

  private firstPage(): Promise<Page> {
    return (this.first ??= this.fetchPage(this.startPage));
  }

  then<A = Page, B = never>(onFulfilled?: ((page: Page) => A | PromiseLike<A>) | null, onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<A | B> {
    return this.firstPage().then(onFulfilled, onRejected);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Item> {
    let pageNumber = this.startPage;
    let page = await this.firstPage();
    let seen = 0;
    for (;;) {
      const items = this.itemsOf(page);
      yield* items;
      seen += items.length;
      if (items.length === 0 || !this.hasNext(page, pageNumber, seen)) return;
      page = await this.fetchPage(++pageNumber);
    }
  }

  /** Every item, in one array. Mind a large list. */
  async toArray(): Promise<Item[]> {
    const all: Item[] = [];
    for await (const item of this) all.push(item);
    return all;
  }
}
