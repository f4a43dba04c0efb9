import type { LoggerService } from '@nestjs/common';
import type { LogLevel } from '../config/base-env';
import { activeTraceIds } from '../tracing/spans';

const SEVERITY: Record<LogLevel, number> = { fatal: 0, error: 1, warn: 2, info: 3, debug: 4, verbose: 5 };

export interface LogSink {
  write(line: string): unknown;
}

/**
 * Structured logs: one JSON object per line with time, level, service, instance, context and msg,
 * plus any fields passed as an object. Nest, kafkajs and our own code all log through it.
 */
export class JsonLogger implements LoggerService {
  private readonly threshold: number;

  constructor(
    private readonly service: string,
    private readonly instance: string,
    level: LogLevel = 'info',
    private readonly sink: LogSink = process.stdout,
  ) {
    this.threshold = SEVERITY[level];
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.emit('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.emit('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.emit('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.emit('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.emit('verbose', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.emit('fatal', message, rest);
  }

  isEnabled(level: LogLevel): boolean {
    return SEVERITY[level] <= this.threshold;
  }

  private emit(level: LogLevel, message: unknown, rest: unknown[]): void {
    if (!this.isEnabled(level)) return;
    const entry: Record<string, unknown> = {
      time: new Date().toISOString(),
      level,
      service: this.service,
      instance: this.instance,
    };
    // Nest passes the context as the last string argument, and for errors a stack before it.
    const params = [...rest];
    if (typeof params[params.length - 1] === 'string') entry.context = params.pop();
    if (level === 'error' || level === 'fatal') {
      const stack = params.find((p) => typeof p === 'string');
      if (stack) entry.stack = stack;
    }
    for (const param of params) {
      if (param instanceof Error) entry.err = { name: param.name, message: param.message, stack: param.stack };
      else if (param && typeof param === 'object') Object.assign(entry, param);
    }
    if (message instanceof Error) {
      entry.msg = message.message;
      entry.err = { name: message.name, message: message.message, stack: message.stack };
    } else if (message && typeof message === 'object') {
      Object.assign(entry, message);
    } else {
      entry.msg = String(message);
    }
    // Within a traced request or message: the ids that find the line's trace.
    const ids = activeTraceIds();
    if (ids) Object.assign(entry, ids);
    this.sink.write(`${safeStringify(entry)}\n`);
  }
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return JSON.stringify({ msg: 'unserializable log entry' });
  }
}
