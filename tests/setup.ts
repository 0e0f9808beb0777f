/** Jest setup: Obsidian's DOM helpers on jsdom, English UI unless a test says otherwise. */
import { installDomHelpers } from '../harness/dom';
import { setLanguage } from '../harness/obsidian';
import { closeModelHost, setPageStarter } from '../src/model/host/start';

installDomHelpers(window);
beforeEach(() => setLanguage('en'));

// jsdom has no 2d canvas and logs "Not implemented" for getContext: answer null quietly, as the widgets expect.
jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(() => null);

// jsdom has no Worker and jest has no worker bundle: the model host's engine runs in the page,
// started from its module (imported on first use, so suites without a classify block never load tfjs).
setPageStarter((scope) => {
	void import('../src/model/engine/engine').then(({ startEngine }) => startEngine(scope));
});
afterAll(() => closeModelHost());
