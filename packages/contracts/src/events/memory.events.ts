/** Events the memory service publishes on Topics.MemoryEvents (spec 003's memory.* webhooks). */
export const MemoryEventTypes = {
  Created: 'memory.created',
  Updated: 'memory.updated',
  Deleted: 'memory.deleted',
  SearchPerformed: 'search.performed',
} as const;
