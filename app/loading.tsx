// Shown while a page's data loads (a slow database, a busy server): a quiet placeholder, announced
// to screen readers, instead of a frozen page.
export default function Loading() {
  return (
    <div className="loading-state" role="status" aria-live="polite">
      <span className="loading-state__spinner" aria-hidden="true" />
      Loading…
    </div>
  );
}
