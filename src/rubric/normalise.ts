import type { RubricFile } from './schema.js';
import { DEFAULT_THRESHOLD, type Rubric } from './types.js';

/** Applies defaults: weights 1, the rubric threshold and scale, notApplicable false. */
export function normalizeRubric(file: RubricFile): Rubric {
  const threshold = file.threshold ?? DEFAULT_THRESHOLD;
  return {
    id: file.id,
    version: file.version,
    title: file.title,
    ...(file.description !== undefined && { description: file.description }),
    ...(file.source !== undefined && { source: file.source }),
    threshold,
    scale: file.scale,
    stages: file.stages.map((stage) => ({
      id: stage.id,
      name: stage.name,
      ...(stage.tagline !== undefined && { tagline: stage.tagline }),
      ...(stage.summary !== undefined && { summary: stage.summary }),
      threshold: stage.threshold ?? threshold,
      tenets: stage.tenets.map((tenet) => ({
        id: tenet.id,
        title: tenet.title,
        ...(tenet.description !== undefined && { description: tenet.description }),
        weight: tenet.weight ?? 1,
        questions: tenet.questions.map((question) => ({
          id: question.id,
          text: question.text,
          ...(question.help !== undefined && { help: question.help }),
          weight: question.weight ?? 1,
          notApplicable: question.notApplicable ?? false,
          scale: question.scale ?? file.scale,
        })),
        moves: tenet.moves,
        ...(tenet.pitfall !== undefined && { pitfall: tenet.pitfall }),
      })),
    })),
    benchmarks: file.benchmarks ?? [],
  };
}
