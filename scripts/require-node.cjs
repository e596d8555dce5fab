/*
 * Loaded with `node --require` before dondoc's entry (`npm start`, `npm run cli`): on a Node.js older
 * than dondoc needs, it prints one Vietnamese line saying what to install and exits 1, before any
 * module that needs the newer Node is loaded (better-sqlite3 13 is built for Node-API 10, which
 * Node 22.14 brought; on Node 20 it cannot load). Written in ES5 so that any old Node can parse it.
 */
'use strict';

var MINIMUM = [22, 14];

/** The line to print when `version` (e.g. "20.20.2") cannot run dondoc, or null when it can. */
function nodeVersionProblem(version) {
  var parts = String(version).split('.');
  var major = parseInt(parts[0], 10) || 0;
  var minor = parseInt(parts[1], 10) || 0;
  if (major > MINIMUM[0] || (major === MINIMUM[0] && minor >= MINIMUM[1])) return null;
  return 'dondoc cần Node.js 22 LTS (từ 22.14) hoặc 24 LTS, máy này đang chạy Node.js ' + version +
    ': hãy cài Node.js 24 LTS (https://nodejs.org/en/download) rồi chạy lại.';
}

module.exports = { nodeVersionProblem: nodeVersionProblem };

var problem = nodeVersionProblem(process.versions.node);
if (problem) {
  process.stderr.write(problem + '\n');
  process.exit(1);
}

// Node's on-disk compile cache (Node >= 22.1): the second start of `npm start` or `npm run cli`
// reuses the bytecode of dondoc's and its libraries' modules instead of compiling them again. A
// directory that cannot be written only means no cache (the call reports, never throws).
var moduleApi = require('node:module');
if (typeof moduleApi.enableCompileCache === 'function' && !process.env.NODE_DISABLE_COMPILE_CACHE) moduleApi.enableCompileCache();
