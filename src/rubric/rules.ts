import { quote } from '../problems/describe.js';
import { problemAt, type Locator, type Origin } from '../problems/origin.js';
import { didYouMean } from '../problems/suggest.js';
import type { Problem } from '../problems/user-error.js';

type Path = PropertyKey[];

/**
 * Rules a schema cannot express: unique ids, distinct scale values, benchmark references. Works on
 * partly valid data so that these problems are reported together with the schema's. Nothing is
 * reported inside what `explained(path)` says an overlay's merge has already explained.
 */
export function semanticProblems(
  data: unknown,
  locate: Locator,
  explained: (path: Path) => boolean = () => false,
): Problem[] {
  const problems: Problem[] = [];
  const report = (path: Path, message: string) => {
    if (!explained(path)) problems.push(problemAt(locate(path), message));
  };
  /** Where another node is, said from the node a problem is reported at. */
  const where = (other: Origin, from: Origin) =>
    other.file === from.file ? `on line ${other.line}` : `in ${other.file} on line ${other.line}`;

  const seen = {
    stage: new Map<string, Path>(),
    tenet: new Map<string, Path>(),
    question: new Map<string, Path>(),
  };
  const claim = (kind: keyof typeof seen, id: unknown, path: Path) => {
    // An item the merge already explained (a misspelt override) claims no id.
    if (typeof id !== 'string' || explained(path)) return;
    const first = seen[kind].get(id);
    if (first) {
      const earlier = locate(first);
      const here = locate(path);
      // Of two nodes, the one the checked file wrote is the one to fix, not its base's.
      if (earlier.depth < here.depth) {
        problems.push(
          problemAt(
            earlier,
            `duplicate ${kind} id ${quote(id)} (also used ${where(here, earlier)})`,
          ),
        );
      } else {
        problems.push(
          problemAt(here, `duplicate ${kind} id ${quote(id)} (first used ${where(earlier, here)})`),
        );
      }
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
      const here = locate([...path, index, 'value']);
      const other = locate([...path, earlier, 'value']);
      problems.push(
        problemAt(here, `duplicate scale value ${value} (already used ${where(other, here)})`),
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
      report(
        [...path, 'question'],
        `benchmark names unknown question ${quote(question)}${didYouMean(question, seen.question.keys())}`,
      );
    }
    if (typeof tenet === 'string' && !seen.tenet.has(tenet)) {
      report(
        [...path, 'tenet'],
        `benchmark names unknown tenet ${quote(tenet)}${didYouMean(tenet, seen.tenet.keys())}`,
      );
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
