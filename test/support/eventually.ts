/**
 * Waiting on an asynchronous effect (an event consumed, an e-mail delivered): polls `check`
 * every 50 ms until it yields something other than `undefined` or `false`, and returns it.
 *
 *   const mail = await eventually(() => smtp.sentTo(email)[0], `a mail to ${email}`);
 */
export async function eventually<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  what: string,
  timeoutMs = 20000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Timed out waiting for ${what}`);
}
