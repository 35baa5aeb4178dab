/** Imported first by renderer tests: react-dom decides at load time whether it runs in a DOM, so the DOM comes first. */
import { installDom } from './test-support.js';

export const testWindow = installDom();
