import { Chalk, type ChalkInstance } from 'chalk';

/** A chalk instance that colours only when asked to: reporters never look at the terminal. */
export function paint(color: boolean): ChalkInstance {
  return new Chalk({ level: color ? 1 : 0 });
}
