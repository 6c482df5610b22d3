import { InputError, SynthgateError } from '../errors.js';

/**
 * Turns a Node `fs` error (ENOENT, EACCES, …) about `path` into a one-line InputError with a stable code
 * and a fix hint. Our own errors and errors without an errno `code` are returned unchanged (the latter are
 * bugs, not user mistakes).
 *
 * @example
 * fsErrorToInputError(Object.assign(new Error('x'), { code: 'ENOENT' }), 'data.csv', 'read').code; // => 'E_NOT_FOUND'
 */
export function fsErrorToInputError(err: unknown, path: string, action: 'read' | 'write'): unknown {
  if (err instanceof SynthgateError) return err;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== 'string') return err;
  const location = { file: path };
  const verb = action === 'read' ? 'read' : 'write';
  switch (code) {
    case 'ENOENT':
      return new InputError('E_NOT_FOUND', `no such file: ${path}`, {
        location,
        hint: `check the path; relative paths start at ${process.cwd()}`,
        cause: err,
      });
    case 'EISDIR':
      return new InputError('E_IS_DIRECTORY', `${path} is a directory, not a file`, {
        location,
        hint:
          action === 'read' ? 'give the path of a data file inside it' : 'give a file name, not a directory',
        cause: err,
      });
    case 'ENOTDIR':
    case 'EEXIST':
    case 'ENAMETOOLONG':
    case 'ELOOP':
      return new InputError('E_BAD_PATH', `cannot ${verb} ${path}: invalid path (${code})`, {
        location,
        hint: 'check that every folder along the path is a folder, not a file',
        cause: err,
      });
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new InputError('E_PERMISSION', `permission denied: cannot ${verb} ${path}`, {
        location,
        hint:
          action === 'read'
            ? 'make the file readable (chmod +r) or run as a user who can read it'
            : 'choose a folder you can write to, or fix its permissions',
        cause: err,
      });
    case 'ENOSPC':
    case 'EDQUOT':
      return new InputError('E_DISK_FULL', `no space left while writing ${path}`, {
        location,
        hint: 'free some disk space or write to another disk',
        cause: err,
      });
    case 'EPIPE':
      return new InputError(
        'E_OUTPUT_CLOSED',
        `the reader of ${path} closed it before all rows were written`,
        {
          location,
          hint: 'read the whole output (for example, do not pipe it into head)',
          cause: err,
        },
      );
    default:
      return new InputError(
        action === 'read' ? 'E_READ_FAILED' : 'E_WRITE_FAILED',
        `cannot ${verb} ${path} (${code})`,
        {
          location,
          hint: 'check the path, the disk and the file system',
          cause: err,
        },
      );
  }
}
