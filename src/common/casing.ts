// Option names in their three spellings: camelCase in TypeScript, kebab-case on the command line
// and in pipeline files, snake_case in engine job specs (a language-neutral contract).

/** topP -> top-p */
export const kebab = (s: string): string => s.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase());

/** top-p -> topP (and top_p -> topP) */
export const camel = (s: string): string => s.replace(/[-_]([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** topP -> top_p */
export const snake = (s: string): string => s.replace(/[A-Z]/g, (c) => "_" + c.toLowerCase());
