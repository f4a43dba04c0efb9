import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { parseAs, type Constructor } from '@hb/contracts';

const PRIMITIVES = new Set<unknown>([String, Number, Boolean, Object, Array]);

/**
 * Validates bodies and query objects against their DTO class with the same parser the services use
 * for Kafka payloads, so an HTTP 400 and a Kafka rejection name the field the same way. Unknown
 * extra fields are ignored: clients of the specs send them.
 */
@Injectable()
export class DomainValidationPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const type = metadata.metatype;
    if (!type || PRIMITIVES.has(type) || (metadata.type !== 'body' && metadata.type !== 'query')) return value;
    return parseAs(type as Constructor<object>, value ?? {});
  }
}
