import type { CommandIO } from "../io.js";

export interface ExportOptions {
  since?: string;
  checkpoint?: string;
  out?: string;
  baseUrl?: string;
}

/** `zenfetch export <stream>`. */
export async function exportCommand(_stream: string, _options: ExportOptions, io: CommandIO): Promise<number> {
  io.stderr.write("zenfetch export: not implemented yet\n");
  return 1;
}
