'use strict';
// Loads the CLI's bundle (dist/*.cjs, CommonJS files that require each other by relative path) with
// V8's code cache, made by the build (scripts/build.mjs) in dist/cache/. Compiling the start-up
// path is about a fifth of `maturity score`'s start-up (22 ms here), and Node 20 has no cache of
// its own (Node 22's `module.enableCompileCache` writes one into the system's temporary folder; this
// one ships in the package and nothing is written at run time). A cache made by another Node
// version is rejected by V8, which then compiles as usual: the loader is never wrong, only slower.
// Only public APIs: the bundle is wrapped and run as Node wraps a CommonJS file, and everything
// that is not one of the bundle's own files is required as usual.
const { readFileSync, writeFileSync, mkdirSync } = require('node:fs');
const { createRequire, isBuiltin } = require('node:module');
const { basename, dirname, join, resolve } = require('node:path');
const { Script } = require('node:vm');

/**
 * Where the code cache of a bundle file is kept, or undefined for a file that gets none. V8 checks
 * no more of a cache than the length of the source it was made for (a cache of other code of the
 * same length runs that other code), so only the files of dist/chunks/ have one: Rollup names them
 * with a hash of their content, and a changed chunk is a new file. The entry files that bin loads
 * by a fixed name are a few lines each and compile in no time.
 */
function cachePath(dist, file) {
  return dirname(file) === join(dist, 'chunks')
    ? join(dist, 'cache', `${basename(file)}.v8`)
    : undefined;
}

/**
 * A loader of the bundle in `dist`. With `record`, it ignores any cache and keeps what it compiled,
 * for `writeCache` to store once the code has run (V8 then caches the functions that ran, not only
 * the top level).
 */
function bundleLoader(dist, { record = false } = {}) {
  const modules = new Map();
  const compiled = [];
  const rejected = [];

  function load(file) {
    const known = modules.get(file);
    if (known) return known.exports;
    const module = { exports: {}, filename: file };
    modules.set(file, module);
    const cache = cachePath(dist, file);
    let cachedData;
    if (cache && !record) {
      try {
        cachedData = readFileSync(cache);
      } catch {
        // No cache (a build without one, a chunk the build did not run): compile as usual.
      }
    }
    const script = new Script(
      `(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8')}\n})`,
      { filename: file, cachedData },
    );
    if (cache && record) compiled.push({ cache, file, script });
    if (cachedData && script.cachedDataRejected) rejected.push(file);
    let other;
    const localRequire = (id) => {
      if (id.endsWith('.cjs') && (id.startsWith('./') || id.startsWith('../'))) {
        return load(resolve(dirname(file), id));
      }
      if (isBuiltin(id)) return require(id);
      other ??= createRequire(file);
      return other(id);
    };
    script
      .runInThisContext()
      .call(module.exports, module.exports, localRequire, module, file, dirname(file));
    return module.exports;
  }

  return {
    /** Loads `file` (a path under `dist`) and what it requires, once each. */
    load,
    /** The files whose cache V8 refused (made by another Node version, or for other code). */
    rejected,
    /** Stores the code cache of every file loaded so far (with `record` only). */
    writeCache() {
      mkdirSync(join(dist, 'cache'), { recursive: true });
      for (const { cache, script } of compiled) writeFileSync(cache, script.createCachedData());
      return compiled.map(({ file }) => file);
    },
  };
}

module.exports = { bundleLoader, cachePath };
