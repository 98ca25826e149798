import type { Answer } from '../engine/types.js';

/** Metadata keys of an answers file, echoed in reports. */
export const METADATA_KEYS = ['organization', 'unit', 'respondent', 'role', 'assessedAt'] as const;

export type MetadataKey = (typeof METADATA_KEYS)[number];

/** The text fields an answers file keeps: the rubric it names, and its metadata. */
export const TEXT_KEYS = ['rubric', 'rubricVersion', ...METADATA_KEYS] as const;

/** An answers file after structural validation (SPEC §2). */
export interface AnswersFile {
  rubric?: string;
  rubricVersion?: string;
  organization?: string;
  unit?: string;
  respondent?: string;
  role?: string;
  assessedAt?: string;
  /** The stage the organization aims for: a stage id, name or number (SPEC §10). */
  target?: string | number;
  /** Answered questions only (null answers are unanswered and left out), in file order. */
  answers: Map<string, Answer>;
  /**
   * Every question id the file names, in file order, including those left blank (null), which are
   * unanswered but must still be questions of the rubric. Defaults to the keys of `answers`.
   */
  ids?: readonly string[];
}

/** The metadata fields an answers file sets, and only those. */
export function metadataOf(answers: AnswersFile): Partial<Record<MetadataKey, string>> {
  const metadata: Partial<Record<MetadataKey, string>> = {};
  for (const key of METADATA_KEYS) {
    const value = answers[key];
    if (value !== undefined) metadata[key] = value;
  }
  return metadata;
}
