import { constants, type Stats } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { InputError } from '../errors.js';
import { fsErrorToInputError } from './fs-errors.js';

/**
 * Checks, before any parsing, that `path` names an existing, readable regular file, and returns its size.
 * Each failure is a one-line InputError: E_NOT_FOUND, E_IS_DIRECTORY, E_NOT_A_FILE, E_PERMISSION, E_BAD_PATH.
 *
 * @example
 * await checkInputFile('fixtures/adult.csv'); // => { bytes: 3518606 }
 */
export async function checkInputFile(path: string): Promise<{ bytes: number }> {
  let st: Stats;
  try {
    st = await stat(path);
  } catch (e) {
    throw fsErrorToInputError(e, path, 'read');
  }
  if (st.isDirectory())
    throw new InputError('E_IS_DIRECTORY', `${path} is a directory, not a file`, {
      location: { file: path },
      hint: 'give the path of a data file inside it',
    });
  if (!st.isFile())
    throw new InputError('E_NOT_A_FILE', `${path} is not a regular file`, {
      location: { file: path },
      hint: 'save the data to a regular file and give its path',
    });
  try {
    await access(path, constants.R_OK);
  } catch (e) {
    throw fsErrorToInputError(e, path, 'read');
  }
  return { bytes: st.size };
}
