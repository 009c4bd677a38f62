// Finds, reads and rewrites the precache manifest that injectManifest wrote into service-worker.js.

/**
 * Returns { entries, start, end } for the one JSON array of {url, revision} objects in the worker
 * source (start/end are string offsets of the array literal). Throws when there is none or several.
 */
export function findPrecacheManifest(swSource) {
  const found = [];
  const candidate = /\[\s*\{\s*"(?:url|revision)"\s*:/g;
  for (let match = candidate.exec(swSource); match; match = candidate.exec(swSource)) {
    const end = matchingBracket(swSource, match.index);
    if (end < 0) continue;
    let entries;
    try {
      entries = JSON.parse(swSource.slice(match.index, end + 1));
    } catch {
      continue;
    }
    if (Array.isArray(entries) && entries.every((e) => e && typeof e.url === 'string' && 'revision' in e)) {
      found.push({ entries, start: match.index, end: end + 1 });
      candidate.lastIndex = end + 1;
    }
  }
  if (found.length === 0) throw new Error('No precache manifest ([{"revision":…,"url":…}, …]) found in service-worker.js');
  if (found.length > 1) throw new Error(`Found ${found.length} precache-manifest-like arrays in service-worker.js; expected one`);
  return found[0];
}

/** The worker source with its manifest array replaced by `entries`. */
export function replacePrecacheManifest(swSource, entries) {
  const { start, end } = findPrecacheManifest(swSource);
  return swSource.slice(0, start) + JSON.stringify(entries) + swSource.slice(end);
}

/** Manifest URLs are relative to the worker's scope ("assets/x.js"); some tools write "/x". */
export function manifestPath(url) {
  const path = new URL(url, 'https://scope.invalid/').pathname;
  return decodeURIComponent(path.replace(/^\//, ''));
}

// Index of the `]` closing the `[` at `open`, skipping JSON strings; -1 if unbalanced.
function matchingBracket(text, open) {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (ch === '[' || ch === '{') depth++;
    else if (ch === ']' || ch === '}') {
      depth--;
      if (depth === 0) return ch === ']' ? i : -1;
    }
  }
  return -1;
}
