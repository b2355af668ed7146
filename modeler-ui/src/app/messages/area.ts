/** The texts of one area of the app, each [Vietnamese, English], keyed `<prefix>.<name>` under the prefixes it owns. */
export type AreaMessages<Prefix extends string> = Record<`${Prefix}.${string}`, readonly [string, string]>;
