import { afterAll } from 'vitest';
import { removeSharedTempDirs } from './testTempDirs';

// Vitest setup file (both configs): after each test file, the temp folders it shared.
afterAll(removeSharedTempDirs);
