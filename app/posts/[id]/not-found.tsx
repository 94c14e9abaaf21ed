// A post that does not exist, was deleted or is hidden: said plainly, with the way back.
import Link from "next/link";

export default function PostNotFound() {
  return (
    <div className="empty-state">
      <p className="empty-state__title">This post is not on the board</p>
      <p>
        It may have been deleted, or the link is mistyped. <Link href="/">Back to the board</Link>
      </p>
    </div>
  );
}
