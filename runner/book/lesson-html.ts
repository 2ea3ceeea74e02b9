/**
 * A lesson's README as HTML, from the same file `read` renders for the terminal. Raw HTML in the
 * Markdown stays text (markdown-it's default), so a README can never inject script into the page.
 * Links between lessons become links inside the book; other relative links name the file instead
 * of pointing at a path the server does not serve.
 */
import MarkdownIt from 'markdown-it';
import { lessons, lessonFolder } from '../course/lessons.ts';

const md = new MarkdownIt({ html: false, linkify: false });
const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));

md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  const href = String(token.attrGet('href') ?? '');
  if (/^https?:\/\//i.test(href)) {
    token.attrSet('target', '_blank');
    token.attrSet('rel', 'noopener noreferrer');
  } else if (!href.startsWith('#')) {
    const lesson = lessons.find((l) => href.includes(`${lessonFolder(l)}/`) || href.includes(`${lessonFolder(l)}#`) || href.endsWith(lessonFolder(l)));
    if (lesson) token.attrSet('href', `#/lesson/${lesson.id}`);
    else {
      token.attrSet('href', '#');
      token.attrSet('title', `a file in the project: ${href}`);
      token.attrSet('data-file', href);
    }
  }
  return defaultLinkOpen(tokens, idx, options, env, self);
};

export function markdownHtml(text: string): string {
  return md.render(text);
}
