/** Jest setup: Obsidian's DOM helpers on jsdom, English UI unless a test says otherwise. */
import { installDomHelpers } from '../harness/dom';
import { setLanguage } from '../harness/obsidian';

installDomHelpers(window);
beforeEach(() => setLanguage('en'));
