import { Worker } from 'node:worker_threads';

/**
 * pdf-parse (pdf.js) loads its worker module with a dynamic `import()`, which Jest's CommonJS
 * sandbox refuses without `--experimental-vm-modules`. A worker thread is plain Node, outside
 * that sandbox: the extraction runs there, and the Jest configuration stays as it is.
 */
const EXTRACT = `
const { parentPort, workerData } = require('node:worker_threads');
const { PDFParse } = require(workerData.pdfParse);
(async () => {
  const parser = new PDFParse({ data: workerData.data });
  try {
    const result = await parser.getText({ pageJoiner: '' });
    parentPort.postMessage({ text: result.text });
  } finally {
    await parser.destroy();
  }
})().catch((error) => parentPort.postMessage({ error: String((error && error.stack) || error) }));
`;

/**
 * The text of a PDF, its whitespace collapsed to single spaces, so that a phrase wrapped over
 * two lines (or split into cells) is still found by `toContain`. A word wrapped at a hyphen
 * ("Jean-\nBaptiste") is joined again.
 */
export async function pdfText(buffer: Buffer | Uint8Array): Promise<string> {
  const raw = await new Promise<string>((resolve, reject) => {
    const worker = new Worker(EXTRACT, {
      eval: true,
      workerData: { pdfParse: require.resolve('pdf-parse'), data: new Uint8Array(buffer) },
    });
    worker.once('message', (message: { text?: string; error?: string }) => {
      void worker.terminate();
      if (message.error !== undefined) reject(new Error(`pdf-parse: ${message.error}`));
      else resolve(message.text ?? '');
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`pdf-parse worker exited (${code})`)));
  });
  return raw
    .replace(/([\p{L}\p{N}])-\s*\n\s*(?=[\p{L}\p{N}])/gu, '$1-')
    .replace(/\s+/g, ' ')
    .trim();
}
