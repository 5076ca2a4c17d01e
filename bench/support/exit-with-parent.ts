/**
 * Preloaded (`node --require`) into every process that a benchmark spawns. The bench
 * process opens an IPC channel to each child; when the bench process dies in any way,
 * SIGKILL included, the channel closes and the child stops itself gracefully (SIGTERM,
 * which every service and the bare server handle), so no process is left behind.
 */
if (process.send !== undefined) {
  // The channel must not keep the child alive on its own, nor change how it ends.
  process.channel?.unref();
  process.once('disconnect', () => {
    setTimeout(() => process.exit(1), 10_000).unref();
    process.kill(process.pid, 'SIGTERM');
  });
}
