import { IsInt, IsString, Max, ValidateNested, getMetadataStorage, registerDecorator } from 'class-validator';
import { Type } from 'class-transformer';
import { ErrorCodes } from './errors';
import { cacheValidationMetadata, parseAs } from './validation';

class Inner {
  @IsInt() @Max(10) count!: number;
}

class Outer {
  @IsString() name!: string;
  @ValidateNested() @Type(() => Inner) inner!: Inner;
}

describe(parseAs.name, () => {
  it('returns a typed instance for valid input and keeps unknown fields out of the way', () => {
    const sut = parseAs(Outer, { name: 'a', inner: { count: 3 }, extra: true });
    expect(sut).toBeInstanceOf(Outer);
    expect(sut.inner).toBeInstanceOf(Inner);
    expect(sut.inner.count).toBe(3);
  });

  it('names the offending field', () => {
    expect(() => parseAs(Outer, { name: 5, inner: { count: 3 } })).toThrow(
      expect.objectContaining({ code: ErrorCodes.ValidationError, field: 'name' }),
    );
  });

  it('names a nested field by its dotted path', () => {
    expect(() => parseAs(Outer, { name: 'a', inner: { count: 11 } })).toThrow(
      expect.objectContaining({ code: ErrorCodes.ValidationError, field: 'inner.count' }),
    );
  });

  it.each([
    ['name', { name: 'a\u0000b', inner: { count: 3 } }],
    ['inner.label', { name: 'a', inner: { count: 3, label: '\u0000' } }],
    ['tags.1', { name: 'a', inner: { count: 3 }, tags: ['ok', 'x\u0000'] }],
    ['meta.a\u0000', { name: 'a', inner: { count: 3 }, meta: { 'a\u0000': 1 } }],
  ])('refuses a NUL character, which PostgreSQL cannot store, naming %s', (field, input) => {
    expect(() => parseAs(Outer, input)).toThrow(expect.objectContaining({ code: ErrorCodes.ValidationError, field }));
  });

  it.each([null, 'text', 42, [1, 2]])('refuses %p as not an object', (input) => {
    expect(() => parseAs(Outer, input)).toThrow(expect.objectContaining({ code: ErrorCodes.ValidationError }));
  });
});

describe(cacheValidationMetadata.name, () => {
  class Named {
    @IsString() name!: string;
  }
  class Counted extends Named {
    @IsInt() count!: number;
  }

  it('answers a class with its own and its inherited rules, the same array each time', () => {
    const storage = getMetadataStorage();
    const first = storage.getTargetValidationMetadatas(Counted, '', false, false);
    expect(first.map((rule) => rule.propertyName).sort()).toEqual(['count', 'name']);
    expect(storage.getTargetValidationMetadatas(Counted, '', false, false)).toBe(first);
    expect(() => parseAs(Counted, { name: 'a', count: 'x' })).toThrow(expect.objectContaining({ field: 'count' }));
  });

  it('sees a rule added after a class was first validated', () => {
    class Late {
      @IsString() value!: string;
    }
    expect(parseAs(Late, { value: 'anything' })).toBeInstanceOf(Late);
    registerDecorator({ target: Late, propertyName: 'value', validator: { validate: (value: unknown) => value === 'ok' } });
    expect(() => parseAs(Late, { value: 'anything' })).toThrow(expect.objectContaining({ field: 'value' }));
    expect(parseAs(Late, { value: 'ok' }).value).toBe('ok');
  });
});
