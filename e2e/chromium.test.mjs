// The end-to-end tests need a real Chromium: without one they fail (never pass silently), and
// this test says how to install it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chromiumPath } from './helpers.mjs';

test('a Chromium for the end-to-end tests is installed', () => {
	assert.doesNotThrow(chromiumPath);
});
