// Retab's PaginatedList surface over a Docket Page: listMetadata, hasMore(), autoPagingIter();
// items carry camelCase aliases.
import { Page } from '../core/pagination.ts';

export class RetabPage<T> extends Page<T> {
  get listMetadata() {
    return this.list_metadata;
  }

  hasMore(): boolean {
    return this.hasNextPage();
  }

  autoPagingIter(): AsyncIterable<T> {
    return this;
  }
}
