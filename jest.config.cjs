/** Jest: jsdom, TypeScript through esbuild (and `.md` imports as text), `obsidian` mapped to the shared fake. */
module.exports = {
	testEnvironment: 'jsdom',
	roots: ['<rootDir>/tests'],
	testMatch: ['**/*.test.ts'],
	transform: { '\\.[cm]?[jt]s$': '<rootDir>/tests/esbuild-transform.cjs', '\\.bin$': '<rootDir>/tests/esbuild-transform.cjs', '\\.md$': '<rootDir>/tests/esbuild-transform.cjs' },
	transformIgnorePatterns: ['/node_modules/(?!(d3-|internmap))'],
	moduleNameMapper: { '^obsidian$': '<rootDir>/tests/__mocks__/obsidian.ts', '^cnn-notes-model-worker$': '<rootDir>/tests/__mocks__/model-worker-code.ts', '^cnn-notes-train-module$': '<rootDir>/tests/__mocks__/train-module.ts' },
	setupFilesAfterEnv: ['<rootDir>/tests/setup.ts'],
	testTimeout: 60000,
};
