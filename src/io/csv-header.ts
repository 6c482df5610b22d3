import { InputError } from '../errors.js';

/**
 * Checks a CSV header row: every name non-blank (E_EMPTY_HEADER_NAME) and no name twice
 * (E_DUPLICATE_HEADER). Row 0 is the header in error locations.
 *
 * @example
 * validateHeader(['age', 'age'], 'x.csv'); // throws E_DUPLICATE_HEADER: column "age" appears twice (columns 1 and 2)
 */
export function validateHeader(names: readonly string[], path: string): void {
  const seen = new Map<string, number>();
  names.forEach((name, i) => {
    if (name.trim() === '')
      throw new InputError('E_EMPTY_HEADER_NAME', `column ${i + 1} of ${names.length} has an empty name`, {
        location: { file: path, row: 0 },
        hint:
          i === names.length - 1 && names.length > 1
            ? 'name the column, or remove the trailing delimiter at the end of the header line'
            : 'give every column a name in the first line; the first line must be a header',
      });
    const first = seen.get(name);
    if (first !== undefined)
      throw new InputError(
        'E_DUPLICATE_HEADER',
        `column "${name}" appears twice (columns ${first + 1} and ${i + 1})`,
        {
          location: { file: path, row: 0, column: name },
          hint: 'rename one of them so every column name is unique',
        },
      );
    seen.set(name, i);
  });
}
