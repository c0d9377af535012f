/**
 * The console's flash bar: green success and red error banners above the page.
 * A banner belongs to the page it was raised on, or to the next page when the action
 * navigates (create, delete); leaving that page clears it.
 */
export interface Notice {
  id: number;
  kind: 'success' | 'error' | 'info';
  text: string;
  /** Raised just before navigating: survives the next page change. */
  forNextPage: boolean;
}

export class Notices {
  items: Notice[] = $state([]);
  #next = 1;

  push(kind: Notice['kind'], text: string, options: { forNextPage?: boolean } = {}): void {
    // One banner per message: a repeated action replaces its earlier banner.
    const notice = { id: this.#next++, kind, text, forNextPage: options.forNextPage ?? false };
    this.items = [...this.items.filter((n) => n.text !== text), notice];
  }

  dismiss(id: number): void {
    this.items = this.items.filter((n) => n.id !== id);
  }

  /** Called when the user moves to another page. */
  pageChanged(): void {
    this.items = this.items.filter((n) => n.forNextPage).map((n) => ({ ...n, forNextPage: false }));
  }
}
