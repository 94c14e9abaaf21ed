// The profile's badge: the member's live status image and the HTML and Markdown to show it on another
// site, with whether it shows right now (public presence and a verified Jabber ID) in words.
import { CopyField } from "@/app/profile/_components/copy-field";
import type { BadgeSnippets } from "@/lib/badges/badge-snippets";

/** `missing`: why the badge is not showing now (whyBadgeIsHidden), empty when it shows. */
export function BadgeSection({ snippets, missing }: { snippets: BadgeSnippets; missing: string[] }) {
  return (
    <section className="card" aria-labelledby="badge-heading">
      <h2 id="badge-heading">Badge</h2>
      <p className="field__hint">
        A small image that shows whether you are online, for your own website, blog or forum signature. It shows only while your presence is visible
        to everyone and a Jabber ID of yours is verified; otherwise its address answers &ldquo;not found&rdquo;, like any unknown name. It follows your
        status within about half a minute.
      </p>
      {missing.length === 0 ? (
        <p className="badge-preview" data-testid="badge-preview">
          {/* eslint-disable-next-line @next/next/no-img-element -- the badge itself, exactly as other sites will load it */}
          <img src={snippets.svgUrl} alt="Your badge as others see it" height={20} />
        </p>
      ) : (
        <p className="notice" data-testid="badge-not-showing">
          Your badge is not showing now: {missing.join(", and ")}.
        </p>
      )}
      <CopyField name="badge-html" label="HTML" value={snippets.html} />
      <CopyField name="badge-markdown" label="Markdown" value={snippets.markdown} />
      <p className="field__hint badge-section__address">
        The image alone: <code>{snippets.svgUrl}</code> (or <code>.png</code> for sites that do not take SVG).
      </p>
    </section>
  );
}
