import type { RubricFile } from './schema.js';
import { DEFAULT_THRESHOLD, type Rubric, type ScaleLevel } from './types.js';

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

/**
 * A rubric as one plain rubric file: what normalising added back is left out (weights of 1, the
 * rubric's threshold and scale where they apply, `notApplicable: false`, no benchmarks), so that
 * normalising the result gives the same rubric. Keys come in the order the README documents.
 */
export function plainRubricFile(rubric: Rubric): RubricFile {
  const sameScale = (scale: ScaleLevel[]) => JSON.stringify(scale) === JSON.stringify(rubric.scale);
  return {
    id: rubric.id,
    version: rubric.version,
    title: rubric.title,
    ...(rubric.description !== undefined && { description: rubric.description }),
    ...(rubric.source !== undefined && { source: rubric.source }),
    threshold: rubric.threshold,
    scale: rubric.scale,
    stages: rubric.stages.map((stage) => ({
      id: stage.id,
      name: stage.name,
      ...(stage.tagline !== undefined && { tagline: stage.tagline }),
      ...(stage.summary !== undefined && { summary: stage.summary }),
      ...(stage.threshold !== rubric.threshold && { threshold: stage.threshold }),
      tenets: stage.tenets.map((tenet) => ({
        id: tenet.id,
        title: tenet.title,
        ...(tenet.description !== undefined && { description: tenet.description }),
        ...(tenet.weight !== 1 && { weight: tenet.weight }),
        questions: tenet.questions.map((question) => ({
          id: question.id,
          text: question.text,
          ...(question.help !== undefined && { help: question.help }),
          ...(question.weight !== 1 && { weight: question.weight }),
          ...(question.notApplicable && { notApplicable: true }),
          ...(!sameScale(question.scale) && { scale: question.scale }),
        })),
        moves: tenet.moves,
        ...(tenet.pitfall !== undefined && { pitfall: tenet.pitfall }),
      })),
    })),
    ...(rubric.benchmarks.length > 0 && { benchmarks: rubric.benchmarks }),
  };
}
