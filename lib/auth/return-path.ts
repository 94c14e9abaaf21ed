// Where to go after signing in (`?next=`): only a path on this site, never another origin. "//evil",
// "/\evil" and "https://evil" are refused because browsers read them as other hosts (an open redirect).

const BASE = "http://narthex.invalid";

/** The local path to return to, or "/" when the value is missing or could leave the site. */
export function safeReturnPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 2048) return fallback;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  // Tabs and newlines are dropped by URL parsers ("/\t/evil" is "//evil"); backslashes read as "/".
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  // Returning to the sign-in or sign-up page would only show the form again.
  if (["/sign-in", "/sign-up"].includes(url.pathname)) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
