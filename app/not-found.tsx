// Any address that leads nowhere: said plainly, with the way back.
import Link from "next/link";

export default function NotFound() {
  return (
    <div className="empty-state">
      <p className="empty-state__title">There is nothing at this address</p>
      <p>
        The link may be mistyped or out of date. <Link href="/">Back to the board</Link>
      </p>
    </div>
  );
}
