// The names of the Orrery style guides. Kept in step with style/tokens.css
// (a test compares this list with the "styleGuides" in assets.json).
// Record: docs/reuse/style-guide.md
export const STYLE_GUIDES = Object.freeze(['daylight', 'nightfall', 'contrast']);
export const DEFAULT_STYLE_GUIDE = 'daylight';

export function isStyleGuide(name) {
  return typeof name === 'string' && STYLE_GUIDES.includes(name);
}
