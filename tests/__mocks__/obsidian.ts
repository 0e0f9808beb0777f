/** Jest's `obsidian`: the shared fake used by the tests and the browser preview. */
export * from '../../harness/obsidian';
