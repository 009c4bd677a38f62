// Vitest setup: an in-memory IndexedDB for storage and sync tests (no browser in unit tests).
import 'fake-indexeddb/auto';
