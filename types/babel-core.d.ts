// The one @babel/core function the hard-coded-string scan uses (the package ships no types).
declare module '@babel/core' {
  export function parseSync(
    code: string,
    options: { filename: string; babelrc: boolean; configFile: boolean; parserOpts: { plugins: string[] } },
  ): unknown;
}
