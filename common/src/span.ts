/** 0-based line, UTF-16 character offset: the LSP convention. */
export interface Position {
  line: number;
  character: number;
}

export interface Span {
  start: Position;
  end: Position;
}
