import { CONTROL_CHARACTERS, NO_CONTROL_CHARACTERS } from '../problems/control-characters.js';
import { UserError } from '../problems/user-error.js';
import type { AnswersFile } from './types.js';

/** The metadata a command line can pre-fill in an answers file (`template`, `assess`). */
export const METADATA_FLAGS = ['organization', 'unit', 'respondent', 'role'] as const;

/** `--organization` and its siblings as answers-file fields; refused like the file would refuse them. */
export function metadataFromFlags(
  options: Partial<Record<(typeof METADATA_FLAGS)[number], string>>,
): Pick<AnswersFile, (typeof METADATA_FLAGS)[number]> {
  const metadata: Pick<AnswersFile, (typeof METADATA_FLAGS)[number]> = {};
  for (const key of METADATA_FLAGS) {
    const value = options[key]?.trim();
    if (value === undefined || value === '') continue;
    if (CONTROL_CHARACTERS.test(value)) {
      throw new UserError(`maturity: --${key} ${NO_CONTROL_CHARACTERS}`);
    }
    metadata[key] = value;
  }
  return metadata;
}
