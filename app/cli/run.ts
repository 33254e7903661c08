/**
 * What the command lines share: their errors, their options and one file, whole-number options, reading a scenario file (or
 * standard input) through the engine's schema, and running a command with exit code 2 on bad input.
 */
import { readFileSync } from "node:fs";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { formatIssue, parseScenarioJson, type Scenario } from "../domain";

type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig["options"]>;

/** Bad options: the message, then the usage. */
export class UsageError extends Error {}
/** A file that cannot be read: the message alone. */
export class InputError extends Error {}

export function wholeNumber(option: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`--${option}: must be a whole number from ${min} to ${max}, got "${text}"`);
  }
  return value;
}

type Parsed<T extends ParseArgsOptionsConfig> = ReturnType<
  typeof parseArgs<{ args: string[]; options: T; allowPositionals: true }>
>["values"];

/**
 * The command's options (each command lists its own, `help` among them) and its one scenario
 * file; null when `--help` was asked for and the usage printed.
 */
export function parseCommand<const T extends ParseArgsOptionsConfig>(
  argv: string[],
  options: T,
  usage: string,
): { values: Parsed<T>; file: string } | null {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if ((parsed.values as { help?: boolean }).help) {
    process.stdout.write(`${usage}\n`);
    return null;
  }
  if (parsed.positionals.length !== 1) throw new UsageError("give exactly one scenario file (or - for standard input)");
  return { values: parsed.values, file: parsed.positionals[0]! };
}

const READ_ERRORS: Record<string, string> = {
  ENOENT: "no such file",
  EISDIR: "it is a folder, not a file",
  EACCES: "permission denied",
};

/** The scenario in `file` ("-": standard input), or null once its problems are printed on stderr. */
export function readScenario(file: string): Scenario | null {
  let text: string;
  try {
    text = readFileSync(file === "-" ? 0 : file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "";
    throw new InputError(`cannot read ${file}: ${READ_ERRORS[code] ?? (error as Error).message}`);
  }
  const parsed = parseScenarioJson(text.replace(/^\uFEFF/, ""));
  if (parsed.ok) return parsed.scenario;
  const name = file === "-" ? "standard input" : file;
  process.stderr.write(
    `${name} is not a valid scenario:\n${parsed.issues.map((i) => `  ${formatIssue(i)}`).join("\n")}\n`,
  );
  return null;
}

/** Runs `main` on the command's arguments: bad input exits with code 2, after its message. */
export function runCommand(name: string, usage: string, main: (argv: string[]) => number): void {
  // A reader that stops early (`| head`) is not an error.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    process.exit(0);
  });
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) process.stderr.write(`${name}: ${error.message}\n\n${usage}\n`);
    else if (error instanceof InputError) process.stderr.write(`${name}: ${error.message}\n`);
    else throw error;
    process.exitCode = 2;
  }
}
