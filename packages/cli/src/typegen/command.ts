import type { CommandIO } from "../io.js";

export interface TypegenOptions {
  out: string;
  check?: boolean;
  baseUrl?: string;
}

/** `zenfetch typegen`. */
export async function typegen(_options: TypegenOptions, io: CommandIO): Promise<number> {
  io.stderr.write("zenfetch typegen: not implemented yet\n");
  return 1;
}
