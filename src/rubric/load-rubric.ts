import { UserError, type Problem } from '../errors.js';
import { parseYaml, type ParsedDocument } from '../util/parse-yaml.js';
import { readTextFile } from '../util/read-text.js';
import { problemPath, problemsFromZod, quote, sortProblems } from '../util/zod-problems.js';
import { rubricSchema, type RubricFile } from './schema.js';
import { DEFAULT_THRESHOLD, type Rubric } from './types.js';

/** The outcome of checking a rubric: a rubric when there are no problems. */
export interface RubricCheck {
  rubric?: Rubric;
  problems: Problem[];
}

/** Parses and validates rubric text (YAML or JSON), collecting every problem with its position. */
export function checkRubricText(text: string, file: string): RubricCheck {
  const doc = parseYaml(text, file);
  if (doc.problems.length > 0) return { problems: doc.problems };
  const data = doc.value;
  if (data === null || data === undefined) {
    return {
      problems: [{ file, path: '', message: 'the rubric file is empty', line: 1, column: 1 }],
    };
  }
  const parsed = rubricSchema.safeParse(data);
  const problems = parsed.success ? [] : problemsFromZod(parsed.error.issues, data, doc, file);
  problems.push(...semanticProblems(data, doc, file));
  if (problems.length > 0 || !parsed.success) return { problems: sortProblems(problems) };
  return { rubric: normalizeRubric(parsed.data), problems: [] };
}

/** Reads, parses and validates a rubric file; throws a UserError listing every problem. */
export function loadRubricFile(path: string, file: string = path): Rubric {
  const { rubric, problems } = checkRubricText(readTextFile(path, file), file);
  if (!rubric) throw new UserError(`${file}: invalid rubric`, { problems });
  return rubric;
}

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

type Path = PropertyKey[];

/**
 * Rules a schema cannot express: unique ids, distinct scale values, benchmark references. Works on
 * partly valid data so that these problems are reported together with the schema's.
 */
function semanticProblems(data: unknown, doc: ParsedDocument, file: string): Problem[] {
  const problems: Problem[] = [];
  const report = (path: Path, message: string, at: 'key' | 'value' = 'value') =>
    problems.push({ file, path: problemPath(path), message, ...doc.locate(path, at) });

  const seen = {
    stage: new Map<string, Path>(),
    tenet: new Map<string, Path>(),
    question: new Map<string, Path>(),
  };
  const claim = (kind: keyof typeof seen, id: unknown, path: Path) => {
    if (typeof id !== 'string') return;
    const first = seen[kind].get(id);
    if (first) {
      const { line } = doc.locate(first);
      report(path, `duplicate ${kind} id ${quote(id)} (first used on line ${line})`);
    } else {
      seen[kind].set(id, path);
    }
  };
  const checkScale = (scale: unknown, path: Path) => {
    const first = new Map<number, number>();
    entries(scale).forEach(([level, index]) => {
      const value = field(level, 'value');
      if (typeof value !== 'number') return;
      const earlier = first.get(value);
      if (earlier === undefined) {
        first.set(value, index);
        return;
      }
      const { line } = doc.locate([...path, earlier, 'value']);
      report(
        [...path, index, 'value'],
        `duplicate scale value ${value} (already used on line ${line})`,
      );
    });
  };

  checkScale(field(data, 'scale'), ['scale']);
  entries(field(data, 'stages')).forEach(([stage, s]) => {
    claim('stage', field(stage, 'id'), ['stages', s, 'id']);
    entries(field(stage, 'tenets')).forEach(([tenet, t]) => {
      const tenetPath = ['stages', s, 'tenets', t];
      claim('tenet', field(tenet, 'id'), [...tenetPath, 'id']);
      entries(field(tenet, 'questions')).forEach(([question, q]) => {
        const questionPath = [...tenetPath, 'questions', q];
        claim('question', field(question, 'id'), [...questionPath, 'id']);
        checkScale(field(question, 'scale'), [...questionPath, 'scale']);
      });
    });
  });
  entries(field(data, 'benchmarks')).forEach(([benchmark, b]) => {
    const path = ['benchmarks', b];
    const question = field(benchmark, 'question');
    const tenet = field(benchmark, 'tenet');
    if (question === undefined && tenet === undefined) {
      report(path, 'a benchmark needs a "question" or a "tenet" to compare with');
    } else if (question !== undefined && tenet !== undefined) {
      report(path, 'a benchmark names either a "question" or a "tenet", not both');
    }
    if (typeof question === 'string' && !seen.question.has(question)) {
      report([...path, 'question'], `benchmark names unknown question ${quote(question)}`);
    }
    if (typeof tenet === 'string' && !seen.tenet.has(tenet)) {
      report([...path, 'tenet'], `benchmark names unknown tenet ${quote(tenet)}`);
    }
  });
  return problems;
}

function field(node: unknown, key: string): unknown {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
  return Object.prototype.hasOwnProperty.call(node, key)
    ? (node as Record<string, unknown>)[key]
    : undefined;
}

function entries(list: unknown): [unknown, number][] {
  return Array.isArray(list) ? list.map((item, index) => [item, index]) : [];
}
