/**
 * Finds the TypeScript examples of Markdown files and type-checks them with the compiler API, each example as a
 * module of its own, all of them in one program under the repository's `tsconfig.json`.
 */
import { join, resolve } from "node:path";
import ts from "typescript";

/** One fenced TypeScript block of a Markdown file. */
export interface CodeBlock {
  /** The Markdown file, as given. */
  file: string;
  /** 1-based line of the opening fence in the Markdown file. */
  line: number;
  code: string;
  /** The fence line says `fragment`: the block is not a complete program and is not checked. */
  fragment: boolean;
}

export interface BlockProblem {
  block: CodeBlock;
  /** One line per diagnostic, each with its line in the Markdown file. */
  diagnostics: string[];
}

/**
 * Parsed files of the repository and of node_modules, shared by every program this module makes: a second check
 * (another Markdown text, in the same test run) parses nothing again. Blocks are never cached.
 */
const parsedFiles = new Map<string, ts.SourceFile>();

const TS_LANGUAGES = new Set(["ts", "typescript", "mts"]);
/** The word on a fence line that lets a block that is deliberately not a complete program opt out. */
export const FRAGMENT_MARKER = "fragment";

/**
 * Every ```ts block of `markdown`, in order. Fences of backticks or tildes, of any length and indentation (a block
 * inside a list item is found too; its indentation is taken off its lines); a block closes at a fence of the same
 * character at least as long, or at the end of the file.
 */
export function extractTsBlocks(file: string, markdown: string): CodeBlock[] {
  const lines = markdown.split(/\r?\n/);
  const blocks: CodeBlock[] = [];
  for (let index = 0; index < lines.length; index++) {
    const open = /^( *)(`{3,}|~{3,})\s*(.*)$/.exec(lines[index] ?? "");
    if (!open) continue;
    const [, indent = "", fence = "", info = ""] = open;
    if (fence.startsWith("`") && info.includes("`")) continue; // inline code, not a fence
    const words = info.trim().split(/\s+/);
    const body: string[] = [];
    let end = index + 1;
    for (; end < lines.length; end++) {
      const line = lines[end] ?? "";
      const closing = /^ *(`{3,}|~{3,})\s*$/.exec(line)?.[1];
      if (closing && closing[0] === fence[0] && closing.length >= fence.length) break;
      body.push(line.startsWith(indent) ? line.slice(indent.length) : line.trimStart());
    }
    if (TS_LANGUAGES.has(words[0]?.toLowerCase() ?? "")) {
      blocks.push({ file, line: index + 1, code: body.join("\n"), fragment: words.includes(FRAGMENT_MARKER) });
    }
    index = end;
  }
  return blocks;
}

/**
 * Type-checks every block that is not a fragment, as one program under `tsconfigPath` (each block is a module of
 * its own, placed in a folder under `virtualDir` that exists on no disk, so `@zenfetch/*` and `node_modules`
 * resolve as they do for the repository's own files). Returns the blocks with errors; an empty list means all
 * compile.
 */
export function checkBlocks(blocks: readonly CodeBlock[], tsconfigPath: string, virtualDir: string): BlockProblem[] {
  const config = ts.getParsedCommandLineOfConfigFile(resolve(tsconfigPath), undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
    },
  });
  if (!config) throw new Error(`cannot read ${tsconfigPath}`);
  // Every block is a module, whether or not it imports anything, so top-level await works and no two blocks share
  // a global scope.
  const options: ts.CompilerOptions = {
    ...config.options,
    noEmit: true,
    moduleDetection: ts.ModuleDetectionKind.Force,
  };

  const root = resolve(virtualDir);
  const sources = new Map<string, { block: CodeBlock; text: string }>();
  blocks
    .filter((block) => !block.fragment)
    .forEach((block, index) => {
      const name = `${index}-${block.file.replace(/[^A-Za-z0-9]+/g, "-")}-L${block.line}.ts`;
      sources.set(join(root, name), { block, text: block.code });
    });

  const host = ts.createCompilerHost(options, true);
  const { fileExists, readFile, getSourceFile, directoryExists } = host;
  host.fileExists = (fileName) => sources.has(resolve(fileName)) || fileExists.call(host, fileName);
  host.readFile = (fileName) => sources.get(resolve(fileName))?.text ?? readFile.call(host, fileName);
  host.directoryExists = (name) =>
    resolve(name) === root || (directoryExists?.call(host, name) ?? ts.sys.directoryExists(name));
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const source = sources.get(resolve(fileName));
    if (source) return ts.createSourceFile(fileName, source.text, languageVersion, true);
    const key = `${JSON.stringify(languageVersion)} ${fileName}`;
    let parsed = parsedFiles.get(key);
    if (!parsed) {
      parsed = getSourceFile.call(host, fileName, languageVersion, onError, shouldCreate);
      if (parsed) parsedFiles.set(key, parsed);
    }
    return parsed;
  };

  const program = ts.createProgram({ rootNames: [...sources.keys()], options, host });
  const problems: BlockProblem[] = [];
  const general = program.getOptionsDiagnostics().concat(program.getGlobalDiagnostics());
  if (general.length > 0) throw new Error(ts.formatDiagnostics(general, formatHost(host)));
  for (const [fileName, { block }] of sources) {
    const sourceFile = program.getSourceFile(fileName);
    if (!sourceFile) throw new Error(`the program lost ${fileName}`);
    const diagnostics = [
      ...program.getSyntacticDiagnostics(sourceFile),
      ...program.getSemanticDiagnostics(sourceFile),
    ].map((diagnostic) => {
      const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n  ");
      if (diagnostic.file !== sourceFile || diagnostic.start === undefined) return `TS${diagnostic.code}: ${message}`;
      const { line, character } = sourceFile.getLineAndCharacterOfPosition(diagnostic.start);
      // The block's first line is the line after its fence.
      return `${block.file}:${block.line + 1 + line}:${character + 1} TS${diagnostic.code}: ${message}`;
    });
    if (diagnostics.length > 0) problems.push({ block, diagnostics });
  }
  return problems;
}

/** A failure message: each block with its file, the line of its fence, and its diagnostics. */
export function describeProblems(problems: readonly BlockProblem[]): string {
  return problems
    .map(({ block, diagnostics }) =>
      [`${block.file}, block at line ${block.line}:`, ...diagnostics.map((d) => `  ${d}`)].join("\n"),
    )
    .join("\n\n");
}

function formatHost(host: ts.CompilerHost): ts.FormatDiagnosticsHost {
  return {
    getCanonicalFileName: (name) => host.getCanonicalFileName(name),
    getCurrentDirectory: () => host.getCurrentDirectory(),
    getNewLine: () => "\n",
  };
}
