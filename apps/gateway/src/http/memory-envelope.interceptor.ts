import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { map, type Observable } from 'rxjs';
import { faceOf, successBody } from '../faces/face';
import { requestIdOf } from './request-id';

/** Wraps Memory API results in `{success: true, data, metadata}`; other faces pass through. */
@Injectable()
export class MemoryEnvelopeInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<Request>();
    if (faceOf(req.path) !== 'memory' || req.path.startsWith('/health')) return next.handle();
    return next.handle().pipe(map((data) => successBody(data, requestIdOf(req))));
  }
}
