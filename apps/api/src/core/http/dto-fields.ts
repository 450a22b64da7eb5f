import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';

type Doc = Pick<ApiPropertyOptions, 'default' | 'description' | 'example'>;

/**
 * An optional number between `min` and `max` (whole with `integer`), with
 * the messages every DTO uses ("<field> must be at least <min>") and the
 * same bounds in the OpenAPI document. `field` is the name the client sent,
 * with its parent for nested objects (`params.factors`).
 */
export function OptionalNumberBetween(
  field: string,
  min: number,
  max: number,
  { integer = false, ...doc }: Doc & { integer?: boolean } = {},
) {
  return applyDecorators(
    ApiPropertyOptional({ minimum: min, maximum: max, ...doc }),
    IsOptional(),
    integer ? IsInt({ message: `${field} must be an integer` }) : IsNumber({}, { message: `${field} must be a number` }),
    Min(min, { message: `${field} must be at least ${min}` }),
    Max(max, { message: `${field} must be at most ${max}` }),
  );
}

/** One of `values` ("<field> must be one of a, b, c"), required unless `optional`, listed as an enum in the OpenAPI document. */
export function OneOf(field: string, values: readonly string[], { optional = false, ...doc }: Doc & { optional?: boolean } = {}) {
  const documented = { enum: [...values], ...doc };
  const checks = [IsIn(values, { message: `${field} must be one of ${values.join(', ')}` })];
  return optional
    ? applyDecorators(ApiPropertyOptional(documented), IsOptional(), ...checks)
    : applyDecorators(ApiProperty(documented), ...checks);
}

/** The name of something the user saves and finds again by it (a segment, a funnel): text of 2 to 120 characters. */
export function SavedName({ optional = false, example }: { optional?: boolean; example?: string } = {}) {
  const checks = [
    IsString({ message: 'name must be text' }),
    MinLength(2, { message: 'name must be at least 2 characters' }),
    MaxLength(120),
  ];
  return optional
    ? applyDecorators(ApiPropertyOptional({ example }), IsOptional(), ...checks)
    : applyDecorators(ApiProperty({ example }), ...checks);
}

/** Its optional description: up to 1,000 characters of text. */
export function SavedDescription() {
  return applyDecorators(ApiPropertyOptional(), IsOptional(), IsString(), MaxLength(1000));
}
