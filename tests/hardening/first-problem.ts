/** The first line of stderr split into the file, line, column and message it names. */
export function firstProblem(stderr: string): {
  file: string;
  line?: number;
  column?: number;
  message: string;
} {
  const first = stderr.split('\n')[0] ?? '';
  const positioned = /^(.*?):(\d+):(\d+): (.*)$/.exec(first);
  if (positioned) {
    return {
      file: positioned[1]!,
      line: Number(positioned[2]),
      column: Number(positioned[3]),
      message: positioned[4]!,
    };
  }
  const plain = /^(.*?): (.*)$/.exec(first);
  return { file: plain?.[1] ?? '', message: plain?.[2] ?? first };
}
