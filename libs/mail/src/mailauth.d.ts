// mailauth ships no types for its DKIM verifier; only what the DKIM test reads.
declare module 'mailauth/lib/dkim/verify.js' {
  export function dkimVerify(
    input: Buffer,
    options: { resolver: (name: string, type: string) => Promise<string[][]> },
  ): Promise<{ results: Array<{ status: { result: string }; signingHeaders: { keys: string } }> }>;
}
