import type { FastifyInstance } from 'fastify';
import type { Behaviour } from './behaviour.ts';
import type { ItemStore, NewItem } from './items.ts';

const newItemSchema = {
  type: 'object',
  required: ['name', 'price'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    price: { type: 'number', minimum: 0 },
    tags: { type: 'array', items: { type: 'string', minLength: 1 }, maxItems: 20, default: [] },
  },
} as const;

export function registerItemRoutes(app: FastifyInstance, store: ItemStore, behaviour: Behaviour): void {
  // `changed` answers an unknown id with a server error: the one status code that build differs in.
  const unknownItemStatus = behaviour === 'changed' ? 500 : 404;

  app.get('/api/items', async () => {
    const items = store.list();
    return behaviour === 'reordered' ? items.reverse() : items;
  });

  app.get<{ Params: { id: string } }>('/api/items/:id', async (request, reply) => {
    const { id } = request.params;
    const item = /^\d+$/.test(id) ? store.get(Number(id)) : undefined;
    if (item) return item;
    return reply.code(unknownItemStatus).send({ error: 'not_found', message: `No item with id ${id}` });
  });

  app.post<{ Body: NewItem }>('/api/items', { schema: { body: newItemSchema } }, async (request, reply) => {
    const created = store.add(request.body);
    return reply.code(201).header('location', `/api/items/${created.id}`).send(created);
  });
}
