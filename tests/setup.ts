/** Jest setup: Obsidian's DOM helpers on jsdom, English UI unless a test says otherwise. */
import { installDomHelpers } from '../harness/dom';
import { setLanguage } from '../harness/obsidian';

installDomHelpers(window);
beforeEach(() => setLanguage('en'));

// jsdom has no 2d canvas and logs "Not implemented" for getContext: answer null quietly, as the widgets expect.
jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(() => null);
