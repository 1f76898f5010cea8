/** `parse config: [main.tf:2,7-3,1: Invalid expression; Expected …]` → line 2 and the reason. */
export function parseHclError(message: string): { line: number; message: string } {
  const m = /:(\d+),(\d+)(?:-(?:\d+,)?\d+)?: ([\s\S]*?)\]?\s*$/.exec(message);
  if (m) return { line: Number(m[1]), message: m[3]!.replace(/\s+/g, ' ').trim() };
  return { line: 1, message: message.replace(/\s+/g, ' ').trim() };
}
