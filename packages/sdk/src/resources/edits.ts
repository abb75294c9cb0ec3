// `client.edits`: the edit primitive (form filling) plus `edits.templates` (reusable PDF forms).
import type { Docket } from '../client.ts';
import { EditTemplates } from './edit-templates.ts';
import { PrimitiveResource } from './primitive-resource.ts';
import type { Edit, EditCreateParams, EditListParams } from './primitive-types.ts';

export class Edits extends PrimitiveResource<EditCreateParams, Edit, EditListParams> {
  readonly templates: EditTemplates;

  constructor(client: Docket, resource = 'edits') {
    super(client, resource);
    this.templates = new EditTemplates(client);
  }
}
