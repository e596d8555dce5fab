/**
 * Waits for an event the test cannot be told about directly (a reply sent after a webhook's 200, a
 * child process's progress): polls `condition` until it holds or `ms` pass. Returns whether it
 * held; callers assert the result, so a timeout fails the test rather than passing it.
 */
export async function waitFor(condition: () => boolean, ms = 5_000, everyMs = 2): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  return condition();
}
