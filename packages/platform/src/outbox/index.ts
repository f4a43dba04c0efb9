export * from './outbox-record.entity';
export * from './processed-event.entity';
export * from './outbox';
export * from './outbox-relay';
export * from './inbox';
export * from './outbox-tables';
