/**
 * Splits a JSON array of objects, arriving in pieces, into the text of each
 * element, without holding the whole document: a small state machine over
 * depth, strings and escapes. Each element is then parsed on its own with
 * JSON.parse, so memory follows the largest element, not the file.
 * Example: new JsonArraySplitter().push('[{"a":1},{"b":2}]') deep-equals ['{"a":1}', '{"b":2}']
 */
export class JsonArraySplitter {
  private depth = 0;
  private inString = false;
  private escaped = false;
  private started = false;
  private ended = false;
  private current = '';
  private line = 1;
  private elementLine = 1;

  /** The 1-based line where the last element returned by push() starts. */
  lineOf: number[] = [];

  push(text: string): string[] {
    const out: string[] = [];
    this.lineOf = [];
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (ch === '\n') this.line++;
      if (!this.started) {
        if (ch === '[') this.started = true;
        else if (!/\s/.test(ch) && ch !== '\ufeff')
          throw new JsonShapeError(`a JSON import must be an array of objects; found "${ch}" at line ${this.line}`, this.line);
        continue;
      }
      if (this.ended) {
        if (!/\s/.test(ch)) throw new JsonShapeError(`unexpected "${ch}" after the end of the array at line ${this.line}`, this.line);
        continue;
      }
      if (this.depth === 0) {
        if (/\s/.test(ch) || ch === ',') continue;
        if (ch === ']') {
          this.ended = true;
          continue;
        }
        if (ch !== '{') throw new JsonShapeError(`each element must be an object; found "${ch}" at line ${this.line}`, this.line);
        this.depth = 1;
        this.current = '{';
        this.elementLine = this.line;
        continue;
      }
      this.current += ch;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (ch === '\\') this.escaped = true;
        else if (ch === '"') this.inString = false;
      } else if (ch === '"') this.inString = true;
      else if (ch === '{' || ch === '[') this.depth++;
      else if (ch === '}' || ch === ']') {
        this.depth--;
        if (this.depth === 0) {
          out.push(this.current);
          this.lineOf.push(this.elementLine);
          this.current = '';
        }
      }
    }
    return out;
  }

  /** Throws when the document stopped before its closing bracket. */
  end(): void {
    if (!this.started) throw new JsonShapeError('the file holds no JSON array', this.line);
    if (!this.ended) throw new JsonShapeError(`the JSON array is not closed (line ${this.line})`, this.line);
  }
}

export class JsonShapeError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'JsonShapeError';
  }
}
