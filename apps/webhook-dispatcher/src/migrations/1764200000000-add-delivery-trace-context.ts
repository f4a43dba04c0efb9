import { sqlMigration } from '@hb/platform';

/** The trace of the event a delivery carries (W3C traceparent, tracestate), so its attempts join it. */
export const AddDeliveryTraceContext1764200000000 = sqlMigration('AddDeliveryTraceContext1764200000000', {
  up: [`ALTER TABLE deliveries ADD COLUMN trace_context jsonb`],
  down: [`ALTER TABLE deliveries DROP COLUMN trace_context`],
});
