// Renders a post or reply body in the board's safe Markdown subset (lib/board/markdown-policy.ts):
// react-markdown builds React elements (no innerHTML), raw HTML shows as text, links are checked and
// marked as user content, headings stay below the page's own, images show their alt text.
import Markdown, { type Components } from "react-markdown";
import { ALLOWED_ELEMENTS, headingLevelFor, imageStandIn, LINK_REL, safeLinkHref } from "@/lib/board/markdown-policy";

const heading = (depth: number): Components["h1"] =>
  function Heading({ children }) {
    return headingLevelFor(depth) === 3 ? <h3>{children}</h3> : <h4>{children}</h4>;
  };

const COMPONENTS: Components = {
  a({ href, children }) {
    const safe = safeLinkHref(href);
    if (!safe) return <span className="markdown__unlinked">{children}</span>;
    return (
      <a href={safe} rel={LINK_REL}>
        {children}
      </a>
    );
  },
  img({ alt }) {
    return <span className="markdown__image-alt">{imageStandIn(alt)}</span>;
  },
  h1: heading(1),
  h2: heading(2),
  h3: heading(3),
  h4: heading(4),
  h5: heading(5),
  h6: heading(6),
};

export function MarkdownBody({ source }: { source: string }) {
  return (
    <div className="markdown">
      <Markdown allowedElements={ALLOWED_ELEMENTS} unwrapDisallowed components={COMPONENTS} urlTransform={(url) => safeLinkHref(url) ?? ""}>
        {source}
      </Markdown>
    </div>
  );
}
