/** The AI key travels in the params of `Requests.aiReview`: the LSP trace shows every `"apiKey"` value as <redacted>. */
export function hideApiKeys(text: string): string {
  return text.replace(/("apiKey"\s*:\s*")(?:[^"\\]|\\.)*"/g, '$1<redacted>"');
}
