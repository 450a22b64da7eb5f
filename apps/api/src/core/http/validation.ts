import { ArgumentMetadata, BadRequestException, UnsupportedMediaTypeException, ValidationError, ValidationPipe } from '@nestjs/common';
import { ValidateBy, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { CALENDAR_DATE_RULE, parseCalendarDate } from '@crosslane/contracts';

/**
 * Validation that names the field: a 400 carries one entry per offending
 * field (nested ones as `a.b`), and the message repeats them in words.
 * Unknown fields are refused rather than silently dropped, so a typo in a
 * client is found on the first call.
 */
export function createValidationPipe(): ValidationPipe {
  return new JsonBodyValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const fields = flatten(errors);
      return new BadRequestException({
        message: `Invalid input: ${fields.map((f) => f.message).join('; ')}`,
        fields,
      });
    },
  });
}

/**
 * A DTO body must be JSON. Another content type the server parses for some
 * route (text/csv arrives as a stream) would otherwise reach class-transformer
 * as a stream object, whose cycles exhaust the stack: a 500 for a wrong header.
 */
class JsonBodyValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && metadata.metatype && metadata.metatype !== Object && !isJsonValue(value)) {
      throw new UnsupportedMediaTypeException('This endpoint takes a JSON body: send Content-Type: application/json');
    }
    return super.transform(value, metadata);
  }
}

function isJsonValue(value: unknown): boolean {
  if (value === null || value === undefined || ['string', 'number', 'boolean'].includes(typeof value) || Array.isArray(value)) return true;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function flatten(errors: ValidationError[], parent = ''): { field: string; message: string }[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      field,
      message: message.replace(/^property (\S+) should not exist$/, `${field} is not a known field`),
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * A date field in a request body, checked by the one calendar-date rule
 * (@crosslane/contracts): 2024-02-30 is refused, never stored as 1 March, and
 * so is any year PostgreSQL cannot store. Same words as list filters and imports.
 */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && parseCalendarDate(value) !== null,
        defaultMessage: (args?: ValidationArguments) => `${args?.property ?? 'value'} ${CALENDAR_DATE_RULE}`,
      },
    },
    options,
  );
}
