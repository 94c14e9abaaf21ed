// Visitors share one rendered copy of the board's first page (app/cached-board/). A test that writes
// straight into the database, behind the board's back, waits for that copy to be renewed (it is, at
// most a revalidate period later) before it looks.
import { expect, type Locator, type Page } from "@playwright/test";

export async function openBoardShowing(page: Page, shown: (page: Page) => Locator): Promise<void> {
  await expect(async () => {
    await page.goto("/");
    await expect(shown(page)).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000, intervals: [1_000, 2_000] });
}
