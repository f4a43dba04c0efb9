import { JsonLogger } from './json-logger';

function aLogger(level: 'info' | 'debug' = 'info') {
  const lines: Array<Record<string, unknown>> = [];
  const sut = new JsonLogger('memory', 'pod-1', level, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { sut, lines };
}

describe(JsonLogger.name, () => {
  it('writes one JSON object per line with service, instance, level and context', () => {
    const { sut, lines } = aLogger();
    sut.log('started', 'Bootstrap');
    expect(lines).toEqual([
      expect.objectContaining({ level: 'info', service: 'memory', instance: 'pod-1', context: 'Bootstrap', msg: 'started' }),
    ]);
    expect(Date.parse(lines[0].time as string)).not.toBeNaN();
  });

  it('merges structured fields', () => {
    const { sut, lines } = aLogger();
    sut.warn({ msg: 'slow', ms: 120 }, 'Relay');
    expect(lines[0]).toMatchObject({ level: 'warn', msg: 'slow', ms: 120, context: 'Relay' });
  });

  it('keeps the stack Nest passes with an error', () => {
    const { sut, lines } = aLogger();
    sut.error('boom', 'Error: boom\n    at x', 'ExceptionsHandler');
    expect(lines[0]).toMatchObject({ level: 'error', msg: 'boom', stack: 'Error: boom\n    at x', context: 'ExceptionsHandler' });
  });

  it('drops entries below its level', () => {
    const { sut, lines } = aLogger('info');
    sut.debug('noise');
    sut.verbose('more noise');
    expect(lines).toHaveLength(0);
  });
});
