/** The most a source may send for one day: a real Daily Papers or arXiv answer is about a megabyte. */
export const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
/** The largest ingest file (JSON, JSONL or a saved page) read whole: split bigger exports by month. */
export const MAX_INGEST_FILE_BYTES = 64 * 1024 * 1024;

/** A source sent (or a file holds) more than Paperboy will read: not retried, since more of the same will not help. */
export class SourceTooLargeError extends Error {}

const mebibytes = (bytes: number) => `${Math.round(bytes / 1024 / 102.4) / 10} MiB`;

/**
 * Reads a stream (an HTTP body or a file) as UTF-8 text, stopping and failing as soon as it passes `maxBytes`,
 * so a hostile server or a mistaken path (/dev/zero) cannot exhaust memory. Invalid UTF-8 becomes U+FFFD.
 */
export async function readTextCapped(chunks: AsyncIterable<Uint8Array>, maxBytes: number, what: string): Promise<string> {
  const decoder = new TextDecoder('utf-8');
  const parts: string[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.byteLength;
    // Leaving the loop by throwing cancels the stream (closes the connection or the file).
    if (size > maxBytes) throw new SourceTooLargeError(`${what} is larger than ${mebibytes(maxBytes)}, the most Paperboy reads`);
    parts.push(decoder.decode(chunk, { stream: true }));
  }
  parts.push(decoder.decode());
  return parts.join('');
}
