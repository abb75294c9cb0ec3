// Retab's `client.edits.templates`: list(filters), create(name, document, formFields?), get(id),
// update(id, name?, formFields?), delete(id) — positional like @retab/node; answers carry camelCase aliases.
import type { Docket } from '../client.ts';
import { PagePromise } from '../core/pagination.ts';
import type { DocumentInput } from '../documents/to-document.ts';
import { isMimeData } from '../documents/to-document.ts';
import type { EditTemplate, TemplateFormField } from '../resources/edit-templates.ts';
import { keysToSnake, withCamelAliases, type WithCamelAliases } from './case.ts';
import { RetabPage } from './retab-page.ts';

type Aliased = WithCamelAliases<EditTemplate>;

export class RetabEditTemplates {
  constructor(protected readonly client: Docket) {}

  /** `create(name, document, formFields?)`, or one options object `{ name, document, formFields }`. */
  async create(nameOrOptions: string | Record<string, unknown>, document?: DocumentInput, formFields?: TemplateFormField[]): Promise<Aliased> {
    let name = nameOrOptions;
    if (typeof nameOrOptions === 'object' && nameOrOptions !== null && !isMimeData(nameOrOptions)) {
      const o = keysToSnake(nameOrOptions);
      name = o.name as string;
      document = o.document as DocumentInput;
      formFields = o.form_fields as TemplateFormField[] | undefined;
    }
    return withCamelAliases(
      await this.client.edits.templates.create({ name: name as string, document: document as DocumentInput, form_fields: formFields }),
    );
  }

  async get(id: string): Promise<Aliased> {
    return withCamelAliases(await this.client.edits.templates.get(id));
  }

  /** `{ name, limit, before, after, order }`; `await` for one page, `for await` for every template. */
  list(filters: Record<string, unknown> = {}): PagePromise<RetabPage<Aliased>, Aliased> {
    const fetchPage = async (q: Record<string, unknown>) => {
      const page = await this.client.edits.templates.list(q);
      return { data: page.data.map((t) => withCamelAliases(t)), list_metadata: page.list_metadata };
    };
    const query = keysToSnake(filters);
    return new PagePromise(async () => new RetabPage(await fetchPage(query), query, fetchPage));
  }

  /** `update(id, name?, formFields?)`; an omitted argument is left unchanged. */
  async update(id: string, name?: string | null, formFields?: TemplateFormField[] | null): Promise<Aliased> {
    return withCamelAliases(
      await this.client.edits.templates.update(id, { name: name ?? undefined, form_fields: formFields ?? undefined }),
    );
  }

  async delete(id: string): Promise<void> {
    await this.client.edits.templates.delete(id);
  }
}
