// The board's refusals, in words people read on the form (and tests compare against).
export const BOARD_MESSAGES = {
  notYourPost: "You can only edit your own posts.",
  notYourPostToDelete: "You can only delete your own posts.",
  notYourReply: "You can only edit your own replies.",
  notYourReplyToDelete: "You can only delete your own replies.",
  postGone: "This post is no longer on the board.",
  replyGone: "This reply is no longer on the board.",
  postLocked: "This post is locked, so it takes no new replies.",
  unknownCategory: "Choose one of the board's categories.",
  archivedCategory: "That category is archived; choose another one.",
  signedOut: "Please sign in to post.",
} as const;

/** "You are posting quickly. Please wait 4 minutes before posting again." */
export function postingTooFastMessage(retryAfterSeconds: number): string {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  const wait = retryAfterSeconds < 60 ? `${retryAfterSeconds} seconds` : `${minutes} minute${minutes === 1 ? "" : "s"}`;
  return `You are posting quickly. Please wait ${wait} before posting again.`;
}
