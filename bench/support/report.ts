import { mkdir, rename, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

/** Where and on what a benchmark ran: figures from two machines are not comparable. */
export interface Environment {
  node: string;
  platform: string;
  arch: string;
  cpuCount: number;
  cpuModel: string;
  totalMemoryGiB: number;
}

export function environment(): Environment {
  const cores = cpus();
  return {
    node: process.version,
    platform: process.platform,
    arch: process.arch,
    cpuCount: cores.length,
    cpuModel: cores[0]?.model.trim() ?? 'unknown',
    totalMemoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
  };
}

/** Writes `<name>.json` and `<name>.md` in the results directory (each through a temporary file). */
export async function writeResults(
  resultsDir: string,
  name: string,
  json: unknown,
  markdown: string,
): Promise<string[]> {
  await mkdir(resultsDir, { recursive: true });
  const files: Array<[string, string]> = [
    [join(resultsDir, `${name}.json`), `${JSON.stringify(json, null, 2)}\n`],
    [join(resultsDir, `${name}.md`), markdown.endsWith('\n') ? markdown : `${markdown}\n`],
  ];
  for (const [path, content] of files) {
    await writeFile(`${path}.tmp`, content, 'utf8');
    await rename(`${path}.tmp`, path);
  }
  return files.map(([path]) => path);
}

/** A Markdown table whose columns line up in a terminal too. */
export function markdownTable(
  header: string[],
  rows: string[][],
  alignRight: boolean[] = [],
): string {
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) =>
    `| ${cells
      .map((cell, column) =>
        alignRight[column] ? cell.padStart(widths[column]) : cell.padEnd(widths[column]),
      )
      .join(' | ')} |`;
  const rule = `|${widths.map((width, column) => (alignRight[column] ? `${'-'.repeat(width + 1)}:` : '-'.repeat(width + 2))).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}
